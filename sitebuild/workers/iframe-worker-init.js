/* Runs first inside the frame of iframe-worker (the offline bundle's stand-in for Material's search
   worker under file://): what the shim used to write as an inline script, as a file, so the bundle's
   script policy needs no 'unsafe-inline'. Defined here, in the frame, so messages come from it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var workerUrl = script.getAttribute("data-worker");
  // Material's search worker finds its folder from the frame's first script[src]: it must be its own.
  script.remove();
  self.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  self.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: workerUrl, error: event.error }));
  });
})();
