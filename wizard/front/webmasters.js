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
    return { lang: data.get("lang"), theme: data.get("theme"), kind: data.get("kind"), answers: answers.toString() };
  }

  // The plain iframe for editors that strip <script>: the embed page itself, at a fixed height
  // (without embed.js nothing resizes it). Paths and titles come from the build (data-frames).
  function plainFrame({ lang, theme, answers }) {
    const frame = JSON.parse(form.dataset.frames)[lang];
    const url = new URL(frame.path, new URL("../../", scriptUrl)); // the site root, above assets/wizard/
    if (theme === "dark") url.searchParams.set("theme", "dark");
    if (answers) url.hash = answers;
    return `<iframe src="${escapeAttr(url.href)}" title="${escapeAttr(frame.title)}" ` +
      'style="width:100%;height:800px;border:0" loading="lazy"></iframe>';
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
    snippet.value = chosen.kind === "iframe" ? plainFrame(chosen) : placeholder(chosen).outerHTML + "\n" +
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
