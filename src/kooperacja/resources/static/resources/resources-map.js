// Resources on a map: the directory's results clustered, or one resource on its page.
const element = document.getElementById("resources-map");
const config = JSON.parse(document.getElementById("resources-map-config").textContent);
const pointScript = document.getElementById("resources-map-point");
const STYLE = { radius: 8, color: "#004f9f", weight: 3, fillColor: "#ffffff", fillOpacity: 1 };

// The cluster layer needs to know how far the map zooms in.
const map = L.map(element, { zoomSnap: 0.5, maxZoom: 19 });
if (config.tileUrl) {
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
}
map.setView([52.1, 19.4], 6);

function escapeHtml(value) {
  const div = document.createElement("div");
  div.textContent = value ?? "";
  return div.innerHTML;
}

function popup(feature) {
  const p = feature.properties;
  const url = config.detailUrl.replace(/0\/$/, `${feature.id}/`);
  return `<a href="${url}">${escapeHtml(p.name)}</a><br>${escapeHtml(p.kind_label)}` +
    (p.address ? `<br>${escapeHtml(p.address)}` : "");
}

async function showResults(source) {
  let data;
  try {
    const response = await fetch(source);
    if (!response.ok) throw new Error(response.statusText);
    data = await response.json();
  } catch (error) {
    element.textContent = config.text.loadError;
    return;
  }
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  for (const feature of data.features) {
    const [lon, lat] = feature.geometry.coordinates;
    cluster.addLayer(L.circleMarker([lat, lon], STYLE).bindPopup(popup(feature)));
  }
  map.addLayer(cluster);
  if (data.features.length) map.fitBounds(cluster.getBounds(), { padding: [20, 20], maxZoom: 16 });
  element.dataset.features = String(data.features.length);
}

if (pointScript) {
  const point = JSON.parse(pointScript.textContent);
  L.circleMarker([point.lat, point.lon], STYLE).bindTooltip(escapeHtml(point.name)).addTo(map);
  map.setView([point.lat, point.lon], 16);
  element.dataset.features = "1";
} else {
  showResults(element.dataset.source);
}
