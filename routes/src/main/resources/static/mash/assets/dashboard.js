// Draws each <canvas data-chart="..."> with Chart.js: the figures come from the page, as JSON in the attribute.
// Agencies have colours of their own, never the RAG palette's red, amber and green; the week still going on is paler.
(function () {
  var agencies = { police: '#1d70b8', health: '#4c2c92', education: '#28a197', housing: '#912b88', other: '#505a5f' };
  var series = ['#1d70b8', '#912b88', '#4c2c92', '#28a197', '#505a5f'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    spec.datasets.forEach(function (d, i) {
      var colour = agencies[d.label] || series[i % series.length];
      d.label = d.label.charAt(0).toUpperCase() + d.label.slice(1);
      d.borderColor = colour;
      // The partial current week ("(so far)") is drawn paler, so it does not read as a full week.
      d.backgroundColor = spec.labels.map(function (l) { return /\(so far\)$/.test(l) ? colour + '66' : colour; });
      if (spec.type === 'line') { d.backgroundColor = colour; d.fill = false; d.tension = 0; }
    });
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets },
      options: { responsive: false, animation: false,
        scales: { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } } },
        indexAxis: spec.horizontal ? 'y' : 'x' }
    });
    canvas.setAttribute('data-drawn', 'true');
  });
})();
