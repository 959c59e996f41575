// Polls the report's generation until it finishes, then reloads for the preview.
const report = document.getElementById("report");
if (report && report.dataset.finished === "false") {
  const label = report.querySelector('[data-field="state"]');
  const poll = async () => {
    let state;
    try {
      const response = await fetch(report.dataset.progressUrl, { credentials: "same-origin" });
      if (!response.ok) return;
      state = await response.json();
    } catch {
      setTimeout(poll, 5000);
      return;
    }
    if (label && label.textContent !== state.label) label.textContent = state.label;
    if (state.finished) window.location.reload();
    else setTimeout(poll, 1500);
  };
  setTimeout(poll, 1000);
}
