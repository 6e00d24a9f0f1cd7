// The GOV.UK timeout warning: two minutes before the session ends (or half of it, if shorter), a dialog says so and
// counts down; "Stay signed in" keeps the session; if nobody answers, the page signs out just before the server would,
// so a click is never lost to a session that ended unseen.
(function () {
  var dialog = document.getElementById('timeout-warning');
  if (!dialog || typeof dialog.showModal !== 'function') {
    return;
  }
  var countdown = document.getElementById('timeout-countdown');
  var signOutButton = document.getElementById('sign-out');
  var timers = [];

  function clear() {
    timers.forEach(function (t) { clearTimeout(t); clearInterval(t); });
    timers = [];
  }

  function say(secondsLeft) {
    countdown.textContent = secondsLeft >= 60
      ? Math.ceil(secondsLeft / 60) + (Math.ceil(secondsLeft / 60) === 1 ? ' minute' : ' minutes')
      : secondsLeft + (secondsLeft === 1 ? ' second' : ' seconds');
  }

  function signOut() {
    clear();
    if (signOutButton && signOutButton.form) {
      signOutButton.form.submit();
    } else {
      window.location.reload();
    }
  }

  function start() {
    clear();
    var seconds = parseInt(dialog.getAttribute('data-session-seconds'), 10);
    if (!(seconds > 0)) {
      return;
    }
    var warnBefore = Math.min(120, Math.floor(seconds / 2));
    var endsAt = Date.now() + seconds * 1000;
    timers.push(setTimeout(function () {
      if (!dialog.open) {
        dialog.showModal();
      }
      var tick = function () { say(Math.max(0, Math.round((endsAt - Date.now()) / 1000))); };
      tick();
      timers.push(setInterval(tick, 1000));
    }, (seconds - warnBefore) * 1000));
    timers.push(setTimeout(signOut, Math.max(0, seconds * 1000 - 1000)));
  }

  document.getElementById('stay-signed-in').addEventListener('click', function () {
    fetch(dialog.getAttribute('data-keep-url'), { credentials: 'same-origin', redirect: 'manual' }).then(function (response) {
      if (response.status === 204) {
        dialog.close();
        start();
      } else {
        signOut();
      }
    });
  });
  document.getElementById('timeout-sign-out').addEventListener('click', function (event) {
    event.preventDefault();
    signOut();
  });
  // Escape would close the dialog without keeping the session: treat it as "stay signed in".
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault();
    document.getElementById('stay-signed-in').click();
  });
  // For the browser tests: start again after changing data-session-seconds.
  window.MashTimeout = { restart: start };
  start();
})();
