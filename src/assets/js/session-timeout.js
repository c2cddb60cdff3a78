// GOV.UK's timeout warning: a few minutes before a staff session ends for lack of activity, a modal
// dialog offers to keep it going without leaving the page, so nothing typed is lost (WCAG 2.2.1).
// The server says how many seconds are left rather than when: the browser's clock may be wrong.
const dialog = document.getElementById('session-timeout');

if (dialog && typeof dialog.showModal === 'function') {
  const warningMilliseconds = Number(dialog.dataset.warningSeconds) * 1000;
  const extendForm = dialog.querySelector('[data-session-extend]');
  const countdown = dialog.querySelector('[data-countdown]');
  const spoken = dialog.querySelector('[data-countdown-spoken]');
  const endsAtText = document.querySelector('[data-session-ends-at]');
  let endsAt = Date.now() + Number(dialog.dataset.remainingSeconds) * 1000;
  let timers = [];

  const describe = (seconds) => {
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return minutes === 1 ? '1 minute' : `${minutes} minutes`;
    }
    return seconds === 1 ? '1 second' : `${seconds} seconds`;
  };
  // Read out when the whole minutes change, not every second: that would drown everything else.
  const spokenFor = (seconds) => (seconds >= 60 ? describe(seconds) : 'less than a minute');

  // Time is up: the same page again. The server, which has ended the session, sends the person to sign
  // in and back here; if another tab kept the session going, the page simply opens again.
  const timeUp = () => window.location.assign(dialog.dataset.returnTo);

  const tick = () => {
    const seconds = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
    countdown.textContent = describe(seconds);
    // A live region speaks when its text changes: setting the same words again says nothing.
    if (spoken.textContent !== spokenFor(seconds)) spoken.textContent = spokenFor(seconds);
  };

  const warn = () => {
    tick();
    if (!dialog.open) dialog.showModal();
    timers.push(setInterval(tick, 1000));
  };

  const schedule = () => {
    timers.forEach((timer) => clearTimeout(timer));
    timers = [
      setTimeout(warn, Math.max(0, endsAt - warningMilliseconds - Date.now())),
      setTimeout(timeUp, Math.max(0, endsAt - Date.now())),
    ];
  };

  extendForm.addEventListener('submit', (event) => {
    if (event.submitter && event.submitter.form !== extendForm) return;
    event.preventDefault();
    fetch(extendForm.action, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(extendForm)),
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body) => {
        endsAt = Date.now() + body.remainingSeconds * 1000;
        if (endsAtText) endsAtText.textContent = body.endsAt;
        dialog.close();
        schedule();
      })
      // The session had ended (or the answer was not what was asked for): as when the time is up.
      .catch(timeUp);
  });

  // GOV.UK's pattern: Escape is "Stay signed in", so the warning cannot be dismissed without effect.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    extendForm.requestSubmit();
  });

  schedule();
}
