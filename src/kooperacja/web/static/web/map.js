// The public map: units of the chosen level shaded by population density.
const config = JSON.parse(document.getElementById("map-config").textContent);
const text = JSON.parse(document.getElementById("map-text").textContent);
const COLOURS = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
const NO_DATA = "#d9d9d9";
const number = new Intl.NumberFormat(document.documentElement.lang || "pl", { maximumFractionDigits: 1 });

const map = L.map("map", { zoomSnap: 0.25, preferCanvas: false });
if (config.tileUrl) {
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
}
map.setView([52.1, 19.4], 6);
let layer = null;

// Quantile class breaks: each class holds about the same number of units.
function quantileBreaks(values, classes) {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const breaks = [];
  for (let i = 1; i < classes; i += 1) {
    breaks.push(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))]);
  }
  breaks.push(sorted[sorted.length - 1]);
  return [...new Set(breaks)];
}

function classOf(value, breaks) {
  if (value === null || value === undefined) return -1;
  const index = breaks.findIndex((upper) => value <= upper);
  return index === -1 ? breaks.length - 1 : index;
}

function colourOf(value, breaks) {
  const index = classOf(value, breaks);
  if (index < 0) return NO_DATA;
  const step = breaks.length > 1 ? (COLOURS.length - 1) / (breaks.length - 1) : 0;
  return COLOURS[Math.round(index * step)];
}

function describe(p) {
  const density = p.density === null ? text.noData : `${number.format(p.density)} ${text.density}`;
  return `<strong>${escapeHtml(p.name)}</strong> (${escapeHtml(p.code)})<br>${density}`;
}

function escapeHtml(value) {
  const div = document.createElement("div");
  div.textContent = value ?? "";
  return div.innerHTML;
}

function renderLegend(features, breaks) {
  const counts = new Array(breaks.length).fill(0);
  let missing = 0;
  for (const f of features) {
    const index = classOf(f.properties.density, breaks);
    if (index < 0) missing += 1; else counts[index] += 1;
  }
  const rows = breaks.map((upper, i) => {
    const lower = i === 0 ? Math.min(...features.map((f) => f.properties.density ?? Infinity)) : breaks[i - 1];
    return `<li><span class="swatch" style="background:${colourOf(upper, breaks)}"></span>` +
      `${number.format(lower)} – ${number.format(upper)} <span class="count">(${counts[i]} ${text.units})</span></li>`;
  });
  if (missing) {
    rows.push(`<li><span class="swatch" style="background:${NO_DATA}"></span>${text.noData} <span class="count">(${missing} ${text.units})</span></li>`);
  }
  document.getElementById("legend").innerHTML = `<h2>${text.density}</h2><ul>${rows.join("")}</ul>`;
}

function renderTable(features, levelName) {
  document.getElementById("table-caption").textContent = text.caption.replace("%(level)s", levelName);
  document.getElementById("table-body").innerHTML = features
    .map((f) => f.properties)
    .map((p) => `<tr><td>${escapeHtml(p.code)}</td><td>${escapeHtml(p.name)}</td>` +
      `<td>${p.population === null ? text.noData : number.format(p.population)}</td>` +
      `<td>${number.format(p.area_km2)}</td>` +
      `<td>${p.density === null ? text.noData : number.format(p.density)}</td></tr>`)
    .join("");
}

async function showLevel(level) {
  const levelName = config.levels.find((l) => l.code === level)?.name ?? level;
  let data;
  try {
    const response = await fetch(`${config.unitsUrl}?level=${encodeURIComponent(level)}`);
    if (!response.ok) throw new Error(response.statusText);
    data = await response.json();
  } catch (error) {
    document.getElementById("selection").textContent = text.loadError;
    return;
  }
  const breaks = quantileBreaks(data.features.map((f) => f.properties.density), COLOURS.length);
  if (layer) layer.remove();
  layer = L.geoJSON(data, {
    style: (f) => ({
      color: "#444", weight: 1, fillOpacity: 0.75, fillColor: colourOf(f.properties.density, breaks),
    }),
    onEachFeature: (f, featureLayer) => {
      featureLayer.bindTooltip(describe(f.properties), { sticky: true });
      featureLayer.on("click", () => {
        document.getElementById("selection").innerHTML = describe(f.properties);
      });
      featureLayer.on("mouseover", () => featureLayer.setStyle({ weight: 3 }));
      featureLayer.on("mouseout", () => featureLayer.setStyle({ weight: 1 }));
    },
  }).addTo(map);
  if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
  renderLegend(data.features, breaks);
  renderTable(data.features, levelName);
  document.getElementById("map").dataset.level = level;
  document.getElementById("map").dataset.features = String(data.features.length);
}

for (const input of document.querySelectorAll('input[name="level"]')) {
  input.addEventListener("change", () => showLevel(input.value));
}
showLevel(document.querySelector('input[name="level"]:checked').value);
