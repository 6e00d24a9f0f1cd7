// Draws each <canvas data-chart="..."> with Chart.js: the figures come from the page, as JSON in the attribute.
document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
  var spec = JSON.parse(canvas.getAttribute('data-chart'));
  var colours = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#505a5f', '#28a197', '#912b88'];
  spec.datasets.forEach(function (d, i) { d.backgroundColor = colours[i % colours.length]; d.borderColor = colours[i % colours.length]; });
  new Chart(canvas, {
    type: spec.type,
    data: { labels: spec.labels, datasets: spec.datasets },
    options: { responsive: false, animation: false,
      scales: spec.type === 'bar' ? { x: { stacked: !!spec.stacked }, y: { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 } } } : {},
      indexAxis: spec.horizontal ? 'y' : 'x' }
  });
  canvas.setAttribute('data-drawn', 'true');
});
