/* The webmasters' page: turns the builder's choices (rendered by Python from the wizard's own
   questions) into the embed snippet, copies it, and shows it live through embed.js. */
(function () {
  "use strict";
  const form = document.getElementById("embed-builder");
  if (!form) return;
  const tool = form.closest(".embed-tool");
  const snippet = document.getElementById("embed-snippet");
  const preview = document.getElementById("embed-preview");
  const copied = document.getElementById("embed-copied");
  const scriptUrl = new URL("embed.js", document.currentScript.src).href; // beside this script
  // The questions Python offers as presets (their ids are the selects' names).
  const presets = Array.from(form.querySelectorAll("select[data-preset]"), (select) => select.name);
  let timer;

  function escapeAttr(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function choices() {
    const data = new FormData(form);
    const answers = new URLSearchParams();
    presets.forEach((id) => { if (data.get(id)) answers.set(id, data.get(id)); });
    return { lang: data.get("lang"), theme: data.get("theme"), answers: answers.toString() };
  }

  function placeholder({ lang, theme, answers }) {
    const holder = document.createElement("div");
    holder.setAttribute("data-cig-wizard", "");
    holder.setAttribute("data-lang", lang);
    if (answers) holder.setAttribute("data-answers", answers);
    holder.setAttribute("data-theme", theme);
    return holder;
  }

  function update() {
    const chosen = choices();
    snippet.value = placeholder(chosen).outerHTML + "\n" +
      `<script src="${escapeAttr(scriptUrl)}" async></script>`;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      preview.replaceChildren(placeholder(chosen));
      if (window.cigWizardEmbed) window.cigWizardEmbed.mount(preview);
    }, 300);
  }

  document.getElementById("embed-copy").addEventListener("click", async () => {
    snippet.select();
    try {
      await navigator.clipboard.writeText(snippet.value);
    } catch {
      document.execCommand("copy");
    }
    copied.textContent = tool.dataset.copied;
  });
  form.addEventListener("change", update);
  update();
})();
