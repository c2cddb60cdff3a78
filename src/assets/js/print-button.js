// "Print this agreement": a button only where JavaScript can print. Without it, the browser's own
// print command gives the same printed copy (the print stylesheet hides the page's furniture).
for (const button of document.querySelectorAll('[data-module="app-print-button"]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
