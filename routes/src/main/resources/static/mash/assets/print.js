// "Print the chronology": every entry's detail opened, then the browser's print (the page's print styles drop the
// menu, buttons and forms). Opened for printing from the browser's own menu too.
(function () {
  function openAll() {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  }
  window.addEventListener('beforeprint', openAll);
  document.querySelectorAll('[data-print]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      openAll();
      window.print();
    });
  });
})();
