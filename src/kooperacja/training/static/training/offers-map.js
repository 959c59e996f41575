// Offers on a map: the list's results, or one offer on its page (the Leaflet the site serves).
const element = document.getElementById("offers-map");
const config = JSON.parse(document.getElementById("offers-map-config").textContent);
const pointScript = document.getElementById("offers-map-point");
const STYLE = { radius: 8, color: "#004f9f", weight: 3, fillColor: "#ffffff", fillOpacity: 1 };

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

async function showOffers(source) {
  let data;
  try {
    const response = await fetch(source);
    if (!response.ok) throw new Error(response.statusText);
    data = await response.json();
  } catch (error) {
    element.textContent = config.text.loadError;
    return;
  }
  const layer = L.featureGroup();
  for (const feature of data.features) {
    const [lon, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    const url = config.detailUrl.replace(/0\/$/, `${feature.id}/`);
    layer.addLayer(L.circleMarker([lat, lon], STYLE).bindPopup(
      `<a href="${url}">${escapeHtml(p.title)}</a><br>${escapeHtml(p.institution)}` +
      `<br>${escapeHtml(p.starts_on)} – ${escapeHtml(p.ends_on)}`));
  }
  map.addLayer(layer);
  if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 16 });
  element.dataset.features = String(data.features.length);
}

if (pointScript) {
  const point = JSON.parse(pointScript.textContent);
  L.circleMarker([point.lat, point.lon], STYLE).bindTooltip(escapeHtml(point.name)).addTo(map);
  map.setView([point.lat, point.lon], 16);
  element.dataset.features = "1";
} else {
  showOffers(element.dataset.source);
}
