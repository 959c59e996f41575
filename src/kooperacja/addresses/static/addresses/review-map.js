// The review page's map of candidate points: a click on one fills in the resolved point.
(function () {
  const box = document.getElementById("review-map");
  // Labels are street names from the register: shown as text, never as HTML.
  function text(value) { const span = document.createElement("span"); span.textContent = value; return span; }
  const points = JSON.parse(document.getElementById("review-candidates").textContent);
  if (!points.length) { box.textContent = box.dataset.empty; return; }
  const map = L.map(box);
  const markers = points.map(function (p) {
    return L.marker([p.lat, p.lon]).addTo(map).bindTooltip(text(p.label)).on("click", function () {
      document.getElementById("id_resolved_point").value = p.id;
    });
  });
  map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), {maxZoom: 17});
})();
