// Polls the import's progress until it finishes, then reloads for the full report.
const report = document.getElementById("report");
if (report && report.dataset.finished === "false") {
  const poll = async () => {
    const response = await fetch(report.dataset.progressUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const state = await response.json();
    for (const name of ["rows_read", "rows_imported", "rows_rejected"]) {
      const cell = report.querySelector(`[data-field="${name}"]`);
      if (cell) cell.textContent = state[name];
    }
    if (state.finished) window.location.reload();
    else setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
