// The review page's map of candidate points: a click on one fills in the resolved point.
(function () {
  const box = document.getElementById("review-map");
  const points = JSON.parse(document.getElementById("review-candidates").textContent);
  if (!points.length) { box.textContent = box.dataset.empty; return; }
  const map = L.map(box);
  const markers = points.map(function (p) {
    return L.marker([p.lat, p.lon]).addTo(map).bindTooltip(p.label).on("click", function () {
      document.getElementById("id_resolved_point").value = p.id;
    });
  });
  map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), {maxZoom: 17});
})();
