// The import's progress bar: while the import runs, ask the API for its
// progress every second; when it has finished, load the page again to show
// the counts, the error report and undo.
(function () {
  const bar = document.getElementById('import-progress');
  if (!bar || !bar.dataset.poll) return;
  const done = document.getElementById('import-done');
  async function poll() {
    try {
      const res = await fetch(bar.dataset.poll, { headers: { Accept: 'application/json' } });
      if (res.ok) {
        const job = await res.json();
        bar.max = job.total_rows;
        bar.value = job.done_rows;
        done.textContent = job.done_rows;
        if (job.status !== 'queued' && job.status !== 'running') {
          location.reload();
          return;
        }
      }
    } catch (e) { /* the server restarts: try again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
