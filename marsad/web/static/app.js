// Clicking (or pressing Enter on) a highlight shows its normalised value, speaker or KB link.
// Every value is set through textContent or an href property: article text never becomes HTML.
(function () {
  const panel = document.getElementById("details");
  if (!panel) return;
  let selected = null;
  function show(mark) {
    if (selected) selected.classList.remove("selected");
    selected = mark;
    mark.classList.add("selected");
    const details = JSON.parse(mark.dataset.details || "{}");
    panel.replaceChildren();
    const heading = document.createElement("strong");
    heading.textContent = mark.textContent;
    const list = document.createElement("dl");
    for (const [key, value] of Object.entries(details)) {
      if (key === "kb") continue;
      const dt = document.createElement("dt"); dt.textContent = key;
      const dd = document.createElement("dd"); dd.textContent = value;
      list.append(dt, dd);
    }
    panel.append(heading, list);
    for (const [href, label] of [[mark.dataset.href, "صفحة الكيان"], [details.kb, "قاعدة المعرفة"]]) {
      if (!href || !/^(\/|https:\/\/)/.test(href)) continue;
      const link = document.createElement("a"); link.href = href; link.textContent = label;
      panel.append(document.createTextNode(" · "), link);
    }
    panel.hidden = false;
  }
  document.addEventListener("click", function (event) {
    const mark = event.target.closest(".mark[data-kind]");
    if (mark) { event.stopPropagation(); show(mark); }
    else if (!panel.contains(event.target)) { panel.hidden = true; }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.matches(".mark[data-kind]")) show(event.target);
    if (event.key === "Escape") panel.hidden = true;
  });
})();
