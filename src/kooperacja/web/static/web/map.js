// The map: population density or an indicator for the units of the chosen level and
// period, with disclosure-controlled values, a hot-spot layer, a "high need, low access"
// layer and a unit card.
const config = JSON.parse(document.getElementById("map-config").textContent);
const text = JSON.parse(document.getElementById("map-text").textContent);
const COLOURS = ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"];
const NO_DATA = "#d9d9d9";
const CLUSTER_COLOURS = { HH: "#b2182b", LL: "#2166ac", HL: "#f4a582", LH: "#92c5de" };
const GAP_COLOUR = "#542788";
const lang = document.documentElement.lang || "pl";
const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
const pluralRules = new Intl.PluralRules(lang);
const $ = (id) => document.getElementById(id);
// A territory (?t=TERYT) narrows the units and values to its own; it stays in every link.
const territoryQuery = config.territory ? `&t=${encodeURIComponent(config.territory)}` : "";
const audienceQuery = (config.audience === "analyst" ? "&audience=analyst" : "") + territoryQuery;

const map = L.map("map", { zoomSnap: 0.25, preferCanvas: false });
if (config.tileUrl) {
  L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map);
}
map.setView([52.1, 19.4], 6);
let layer = null;
let hotLayer = null;
let gapLayer = null;
let shapes = {};
let current = null; // { indicator, period, level, byCode }
let resourceLayer = null;
let resourceData = null;
let compareMap = null;
let compareLayer = null;
let selected = null; // the selected unit's code, kept in the URL
const initial = new URLSearchParams(window.location.search);

function escapeHtml(value) {
  const div = document.createElement("div");
  div.textContent = value ?? "";
  return div.innerHTML;
}

const fmt = (value) => (value === null || value === undefined ? text.noData : number.format(value));
// Rates, their intervals and changes always with one decimal, as the unit page and the
// report print them (58,6; 11,0 – not 11).
const rateNumber = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fmtRate = (value) => (value === null || value === undefined ? text.noData : rateNumber.format(value));

// "5 units" in the page's language: the catalogue's form for the count's plural category.
const unitCount = (count) =>
  (text.unitCount[pluralRules.select(count)] ?? text.unitCount.other).replace("%(count)s", count);

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response.json();
}

// Quantile class breaks for density: each class holds about the same number of units.
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

function colourOfClass(index, classes) {
  if (index < 0) return NO_DATA;
  const step = classes > 1 ? (COLOURS.length - 1) / (classes - 1) : 0;
  return COLOURS[Math.round(index * step)];
}

// The hatches that mark hidden units (grey on white) and units of high need and low access
// (purple over the rate's colour), put once into Leaflet's SVG.
function ensureHatch() {
  const svg = map.getPanes().overlayPane.querySelector("svg");
  if (!svg || svg.querySelector("#kooperacja-hatch")) return;
  const ns = "http://www.w3.org/2000/svg";
  const defs = document.createElementNS(ns, "defs");
  defs.innerHTML = '<pattern id="kooperacja-hatch" width="6" height="6" patternUnits="userSpaceOnUse" ' +
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" ' +
    'stroke="#888" stroke-width="3"/></pattern>' +
    '<pattern id="kooperacja-gap-hatch" width="8" height="8" patternUnits="userSpaceOnUse" ' +
    `patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="8" stroke="${GAP_COLOUR}" stroke-width="2"/></pattern>`;
  svg.prepend(defs);
}

async function loadShapes(level) {
  if (!shapes[level]) shapes[level] = await getJson(`${config.unitsUrl}?level=${encodeURIComponent(level)}${territoryQuery}`);
  return shapes[level];
}

function drawUnits(data, style, describe, select) {
  if (layer) layer.remove();
  layer = L.geoJSON(data, {
    style,
    onEachFeature: (f, featureLayer) => {
      featureLayer.bindTooltip(() => describe(f.properties.code), { sticky: true });
      featureLayer.on("click", () => select(f.properties.code));
      featureLayer.on("mouseover", () => featureLayer.setStyle({ weight: 3 }));
      featureLayer.on("mouseout", () => featureLayer.setStyle({ weight: 1 }));
      featureLayer.on("add", () => {
        const element = featureLayer.getElement();
        element.setAttribute("tabindex", "0");
        element.setAttribute("role", "button");
        element.setAttribute("aria-label", f.properties.name);
        element.addEventListener("keydown", (event) => {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(f.properties.code); }
        });
      });
    },
  }).addTo(map);
  ensureHatch();
  if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
}

// Colours go into SVG attributes, not style attributes: the content security policy
// allows no inline style.
function swatchSvg(fill, stroke = "#777", strokeWidth = 1) {
  return `<svg class="swatch svg-swatch" viewBox="0 0 22 16" aria-hidden="true"><rect x="${strokeWidth / 2}" ` +
    `y="${strokeWidth / 2}" width="${22 - strokeWidth}" height="${16 - strokeWidth}" fill="${fill}" ` +
    `stroke="${stroke}" stroke-width="${strokeWidth}"/></svg>`;
}

function legendRow(colour, label, count, hatched = false) {
  const swatch = hatched ? '<span class="swatch hatched"></span>' : swatchSvg(colour);
  return `<li>${swatch}${label} <span class="count">(${unitCount(count)})</span></li>`;
}

// ---- population density -------------------------------------------------------------
function showDensity(data, level, levelName) {
  const byCode = Object.fromEntries(data.features.map((f) => [f.properties.code, f.properties]));
  const breaks = quantileBreaks(data.features.map((f) => f.properties.density), COLOURS.length);
  const describe = (code) => {
    const p = byCode[code];
    const density = p.density === null ? text.noData : `${number.format(p.density)} ${text.density}`;
    const estimate = p.population_estimated ? ` (${text.estimate})` : "";
    return `<strong>${escapeHtml(p.name)}</strong> (${escapeHtml(p.code)})<br>${density}${estimate}`;
  };
  drawUnits(data, (f) => ({
    color: "#444", weight: 1, fillOpacity: 0.75,
    fillColor: colourOfClass(classOf(f.properties.density, breaks), breaks.length),
  }), describe, (code) => {
    $("selection").innerHTML = describe(code) + unitPageLink(code);
    selected = code;
    $("selection").dataset.unit = code;
    writeState();
  });
  const counts = new Array(breaks.length).fill(0);
  let missing = 0;
  for (const f of data.features) {
    const index = classOf(f.properties.density, breaks);
    if (index < 0) missing += 1; else counts[index] += 1;
  }
  const minimum = Math.min(...data.features.map((f) => f.properties.density ?? Infinity));
  const rows = breaks.map((upper, i) => legendRow(colourOfClass(i, breaks.length),
    `${fmt(i === 0 ? minimum : breaks[i - 1])} – ${fmt(upper)}`, counts[i]));
  if (missing) rows.push(legendRow(NO_DATA, text.noData, missing));
  const estimated = data.features.some((f) => f.properties.population_estimated);
  $("legend").innerHTML = `<h2>${text.density}</h2><ul>${rows.join("")}</ul>` +
    (estimated ? `<p class="estimate">${escapeHtml(text.populationEstimate)}</p>` : "");
  $("table-caption").textContent = text.caption.replace("%(level)s", levelName);
  $("table-body").innerHTML = data.features.map((f) => f.properties)
    .map((p) => `<tr><td>${escapeHtml(p.code)}</td><td><a href="${escapeHtml(unitPageHref(p.code))}">${escapeHtml(p.name)}</a></td>` +
      `<td>${fmt(p.population)}</td><td>${number.format(p.area_km2)}</td><td>${fmt(p.density)}</td></tr>`)
    .join("");
}

// ---- indicators ---------------------------------------------------------------------
function describeValue(row) {
  const value = row.hidden ? escapeHtml(row.label) : fmtRate(row.value);
  return `<strong>${escapeHtml(row.unit_name)}</strong> (${escapeHtml(row.unit_code)})<br>${value}`;
}

function showIndicator(data, values, indicator, levelName) {
  const byCode = Object.fromEntries(values.values.map((r) => [r.unit_code, r]));
  current = { indicator, period: values.period, level: values.level, byCode, values };
  const classes = values.legend.length;
  drawUnits(data, (f) => {
    const row = byCode[f.properties.code];
    const hidden = row && row.hidden && row.reason !== "no denominator";
    return {
      color: "#444", weight: 1, fillOpacity: hidden ? 1 : 0.75,
      fillColor: row ? colourOfClass(row.klass, classes) : NO_DATA,
      className: hidden ? "unit-hidden" : "unit-shown",
    };
  }, (code) => (byCode[code] ? describeValue(byCode[code]) : escapeHtml(code)), selectUnit);
  const rows = values.legend.map((c, i) => legendRow(colourOfClass(i, classes),
    `${fmtRate(c.lower)} – ${fmtRate(c.upper)}`, c.count));
  const hidden = values.values.filter((r) => r.hidden && r.reason !== "no denominator").length;
  const undefinedRate = values.values.filter((r) => r.reason === "no denominator").length;
  if (hidden) rows.push(legendRow(null, escapeHtml(`${text.hiddenUnits}: ${values.values.find((r) => r.reason === "fewer than k")?.label ?? ""}`), hidden, true));
  if (undefinedRate) rows.push(legendRow(NO_DATA, text.noData, undefinedRate));
  const sampled = values.classification_exact === false ? `<p class="hint">${text.sampledBreaks}</p>` : "";
  $("legend").innerHTML = `<h2>${escapeHtml(indicator.name)}</h2><ul>${rows.join("")}</ul>${sampled}` +
    (values.population_estimate ? `<p class="estimate">${escapeHtml(text.populationEstimate)}</p>` : "");
  $("table-caption").textContent = text.indicatorCaption.replace("%(indicator)s", indicator.name)
    .replace("%(period)s", values.period).replace("%(level)s", levelName);
  $("table-body").innerHTML = values.values.map((r) => `<tr><td>${escapeHtml(r.unit_code)}</td>` +
    `<td><a href="${escapeHtml(unitPageHref(r.unit_code))}">${escapeHtml(r.unit_name)}</a></td><td>${r.hidden ? "" : fmt(r.numerator)}</td><td>${fmt(r.denominator)}</td>` +
    `<td>${r.hidden ? "" : fmtRate(r.value)}</td><td>${r.hidden || r.lower === null ? "" : `${fmtRate(r.lower)} – ${fmtRate(r.upper)}`}</td>` +
    `<td>${escapeHtml(r.label)}</td><td><button type="button" data-unit="${escapeHtml(r.unit_code)}">${text.show}</button></td></tr>`)
    .join("");
  for (const button of $("table-body").querySelectorAll("button[data-unit]")) {
    button.addEventListener("click", () => selectUnit(button.dataset.unit));
  }
}

async function showHotspots() {
  if (hotLayer) { hotLayer.remove(); hotLayer = null; }
  $("hotspot-legend").innerHTML = "";
  if (!$("hotspots").checked || !current) return;
  const { indicator, period, level } = current;
  const noHotspots = () => {
    // Too few units (a city, two districts) cannot have clusters: say so, not an error.
    $("hotspot-legend").innerHTML = `<h2>${text.hotspots}</h2><p class="hint">${text.noHotspots}</p>`;
    $("map").dataset.hotspots = "0";
  };
  // Hot spots run on the published units only (the API says 404 below three): ask only then.
  const published = current.values.values.filter((r) => r.value !== null).length;
  if ((await loadShapes(level)).features.length < 3 || published < 3) { noHotspots(); return; }
  let rows;
  try {
    rows = await getJson(`${config.indicatorsUrl}/${encodeURIComponent(indicator.id)}/hotspots?level=` +
      `${encodeURIComponent(level)}&period=${encodeURIComponent(period)}${audienceQuery}`);
  } catch (error) {
    noHotspots();
    return;
  }
  const cluster = Object.fromEntries(rows.map((r) => [r.unit_code, r.cluster]));
  const data = await loadShapes(level);
  hotLayer = L.geoJSON({ type: "FeatureCollection", features: data.features.filter((f) => CLUSTER_COLOURS[cluster[f.properties.code]]) }, {
    interactive: false,
    style: (f) => ({ color: CLUSTER_COLOURS[cluster[f.properties.code]], weight: 4, fill: false,
      className: `hotspot hotspot-${cluster[f.properties.code]}` }),
  }).addTo(map);
  const counts = {};
  for (const r of rows) counts[r.cluster] = (counts[r.cluster] || 0) + 1;
  const items = Object.keys(CLUSTER_COLOURS).filter((c) => counts[c])
    .map((c) => `<li>${swatchSvg("#fff", CLUSTER_COLOURS[c], 3)}${text[c]} <span class="count">(${unitCount(counts[c])})</span></li>`);
  $("hotspot-legend").innerHTML = `<h2>${text.hotspots}</h2><ul>${items.join("") || `<li>${text.noData}</li>`}</ul>`;
  $("map").dataset.hotspots = String(items.length);
}

// ---- high need, low access: the public rate against access to help ----------------------
function gapLegend(layer) {
  const names = layer.units.filter((u) => u.high_need_low_access).map((u) => escapeHtml(u.unit_name));
  const hint = text.gapsHint.replace("%(distance)s", number.format(layer.distance_m))
    .replace("%(threshold)s", number.format(layer.threshold));
  const body = names.length
    ? `<ul><li><span class="swatch gap-swatch"></span>${names.join(", ")} <span class="count">(${unitCount(names.length)})</span></li></ul>`
    : `<p class="hint">${text.noGaps}</p>`;
  return `<h2>${text.gaps}</h2>${body}<p class="hint">${hint}</p>`;
}

async function showGaps() {
  if (gapLayer) { gapLayer.remove(); gapLayer = null; }
  if (!$("gaps")) return;
  $("gap-legend").innerHTML = "";
  delete $("map").dataset.gaps;
  if (!$("gaps").checked || !current) return;
  const { indicator, period, level } = current;
  let layer;
  try {
    layer = await getJson(`${config.gapsUrl}?indicator=${encodeURIComponent(indicator.id)}` +
      `&level=${encodeURIComponent(level)}&period=${encodeURIComponent(period)}` +
      `&kind=${encodeURIComponent($("gap-kind").value)}`);
  } catch (error) {
    $("gap-legend").innerHTML = `<h2>${text.gaps}</h2><p class="hint">${text.gapsError}</p>`;
    return;
  }
  const flagged = new Set(layer.flagged);
  const data = await loadShapes(level);
  gapLayer = L.geoJSON({ type: "FeatureCollection", features: data.features.filter((f) => flagged.has(f.properties.code)) }, {
    interactive: false,
    style: () => ({ color: GAP_COLOUR, weight: 3, dashArray: "6 4", fillOpacity: 1, className: "gap" }),
  }).addTo(map);
  ensureHatch();
  $("gap-legend").innerHTML = gapLegend(layer);
  $("map").dataset.gaps = String(flagged.size);
}

// ---- the unit card: trend over periods and the unit's place among the others ----------
function trendSvg(series) {
  const known = series.flatMap((p) => [p.value, p.territory]).filter((v) => v !== null);
  if (!known.length) return "";
  const max = Math.max(...known) || 1;
  const w = 280; const h = 120; const pad = 24;
  const x = (i) => pad + (series.length > 1 ? (i * (w - 2 * pad)) / (series.length - 1) : (w - 2 * pad) / 2);
  const y = (v) => h - pad - (v / max) * (h - 2 * pad);
  const line = (key, colour, dash) => {
    const points = series.map((p, i) => (p[key] === null ? null : `${x(i)},${y(p[key])}`)).filter(Boolean);
    const dots = series.map((p, i) => (p[key] === null ? "" : `<circle cx="${x(i)}" cy="${y(p[key])}" r="3" fill="${colour}"><title>${p.period}: ${fmt(p[key])}</title></circle>`)).join("");
    return `<polyline points="${points.join(" ")}" fill="none" stroke="${colour}" stroke-width="2" ${dash ? 'stroke-dasharray="4 3"' : ""}/>${dots}`;
  };
  const labels = series.map((p, i) => `<text x="${x(i)}" y="${h - 6}" font-size="10" text-anchor="middle">${escapeHtml(p.period)}</text>`).join("");
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(text.trend)}">` +
    `<line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#999"/>${labels}` +
    `${line("territory", "#777", true)}${line("value", "#b30000", false)}</svg>` +
    `<p class="hint"><span class="trend-unit">━</span> ${text.thisUnit} <span class="trend-territory">┅</span> ${text.territory}</p>`;
}

function placeSvg(values, value) {
  if (!values.length) return "";
  const w = 280; const h = 40; const pad = 10;
  const min = Math.min(...values); const max = Math.max(...values);
  const x = (v) => pad + (max > min ? ((v - min) / (max - min)) * (w - 2 * pad) : (w - 2 * pad) / 2);
  const dots = values.map((v) => `<circle cx="${x(v)}" cy="20" r="3" fill="#999" opacity="0.6"/>`).join("");
  const mark = value === null ? "" : `<circle cx="${x(value)}" cy="20" r="6" fill="#b30000" stroke="#000"/>`;
  return `<svg viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(text.place)}">` +
    `<line x1="${pad}" y1="20" x2="${w - pad}" y2="20" stroke="#ccc"/>${dots}${mark}` +
    `<text x="${pad}" y="38" font-size="10">${fmt(min)}</text><text x="${w - pad}" y="38" font-size="10" text-anchor="end">${fmt(max)}</text></svg>`;
}

async function selectUnit(code) {
  if (!current) return;
  const row = current.byCode[code];
  if (!row) { selected = null; writeState(); return; }
  selected = code;
  writeState();
  const { indicator, period } = current;
  let html = describeValue(row);
  if (!row.hidden) {
    html += `<dl><dt>${text.interval}</dt><dd>${fmtRate(row.lower)} – ${fmtRate(row.upper)}</dd>` +
      `<dt>${text.smoothed}</dt><dd>${fmtRate(row.smoothed)}</dd><dt>${text.lq}</dt><dd>${fmt(row.lq)}</dd>`;
    if (current.values.previous_period && row.change !== null && row.change !== undefined) {
      html += `<dt>${text.change.replace("%(period)s", escapeHtml(current.values.previous_period))}</dt>` +
        `<dd>${row.change > 0 ? "+" : ""}${fmtRate(row.change)} (${row.change_significant ? text.significant : text.notSignificant})</dd>`;
    }
    html += "</dl>";
  }
  if (current.values.population_estimate) html += `<p class="estimate">${escapeHtml(text.populationEstimate)}</p>`;
  $("selection").innerHTML = html;
  try {
    const card = await getJson(`${config.indicatorsUrl}/${encodeURIComponent(indicator.id)}/units/` +
      `${encodeURIComponent(code)}?period=${encodeURIComponent(period)}${audienceQuery}`);
    const rank = card.rank === null ? "" : `<p>${text.rank.replace("%(rank)s", card.rank).replace("%(of)s", card.of)}</p>`;
    $("selection").innerHTML = `${html}<h2>${text.trend}</h2>${trendSvg(card.series)}` +
      `<h2>${text.place}</h2>${placeSvg(card.values, row.value)}${rank}${unitPageLink(code)}`;
    $("selection").dataset.unit = code;
  } catch (error) {
    $("selection").insertAdjacentText("beforeend", text.loadError);
  }
}

// ---- pickers -------------------------------------------------------------------------
function chosenIndicator() {
  return config.indicators.find((i) => i.id === $("indicator").value) ?? null;
}

function fillPeriods(indicator) {
  const select = $("period");
  select.innerHTML = "";
  select.disabled = !indicator;
  $("hotspots").disabled = !indicator;
  if ($("gaps")) $("gaps").disabled = $("gap-kind").disabled = !(indicator && indicator.public);
  if (!indicator) { fillCompare(null); return; }
  for (const p of indicator.periods) select.add(new Option(p, p));
  // The server's choice: the latest year with data, else half-year, quarter, month.
  select.value = indicator.default_period ?? indicator.periods[indicator.periods.length - 1];
  fillCompare(indicator);
}

// ---- the map's state in its URL: indicator, period, level, classes, layers, selection ----
const periodKind = (p) => p.replace(/\d/g, "9");

function fillCompare(indicator) {
  const select = $("compare");
  const kept = select.value;
  while (select.options.length > 1) select.remove(1);
  select.disabled = !indicator;
  if (!indicator) { select.value = ""; return; }
  const period = $("period").value;
  for (const p of indicator.periods) {
    if (p !== period && periodKind(p) === periodKind(period)) select.add(new Option(p, p));
  }
  select.value = [...select.options].some((o) => o.value === kept) ? kept : "";
}

function currentLevel() {
  return document.querySelector('input[name="level"]:checked').value;
}

function applyInitialState() {
  const setIf = (id, value) => {
    if (value && [...$(id).options].some((o) => o.value === value)) $(id).value = value;
  };
  setIf("indicator", initial.get("indicator"));
  const level = initial.get("level");
  const radio = [...document.querySelectorAll('input[name="level"]')].find((r) => r.value === level);
  if (radio) radio.checked = true;
  setIf("classes", initial.get("classes"));
  fillPeriods(chosenIndicator());
  setIf("period", initial.get("period"));
  fillCompare(chosenIndicator());
  setIf("compare", initial.get("compare"));
  if (initial.get("hotspots") === "1" && !$("hotspots").disabled) $("hotspots").checked = true;
  if ($("gaps") && initial.get("gaps") === "1" && !$("gaps").disabled) {
    $("gaps").checked = true;
    setIf("gap-kind", initial.get("kind"));
  }
  $("resources").checked = initial.get("resources") === "1";
  selected = initial.get("unit");
}

function stateQuery() {
  const q = new URLSearchParams();
  if (config.audience === "analyst") q.set("view", "analyst");
  if (config.territory) q.set("t", config.territory);
  const indicator = chosenIndicator();
  q.set("indicator", indicator ? indicator.id : "density");
  if (indicator) q.set("period", $("period").value);
  q.set("level", currentLevel());
  q.set("classes", $("classes").value);
  if (indicator && $("compare").value) q.set("compare", $("compare").value);
  if ($("hotspots").checked) q.set("hotspots", "1");
  if ($("gaps")?.checked) {
    q.set("gaps", "1");
    if ($("gap-kind").value) q.set("kind", $("gap-kind").value);
  }
  if ($("resources").checked) q.set("resources", "1");
  if (selected) q.set("unit", selected);
  return q;
}

function writeState() {
  const url = `${window.location.pathname}?${stateQuery()}`;
  window.history.replaceState(null, "", url);
  $("share").href = url;
  // The language switch comes back to the same map.
  const next = document.querySelector('form.lang input[name="next"]');
  if (next) next.value = url;
  const indicator = chosenIndicator();
  const level = currentLevel();
  for (const link of document.querySelectorAll(".download-links a[data-format]")) {
    const format = link.dataset.format;
    if (!indicator) {
      link.hidden = format !== "geojson";
      link.href = `${config.unitsUrl}?level=${encodeURIComponent(level)}${territoryQuery}`;
      continue;
    }
    link.hidden = false;
    const q = new URLSearchParams({ indicator: indicator.id, level, period: $("period").value, format });
    if (link.dataset.excel) q.set("excel", "1");
    if (config.audience === "analyst") q.set("view", "analyst");
    if (config.territory) q.set("t", config.territory);
    link.href = `${config.downloadUrl}?${q}`;
  }
}

async function reselect(code) {
  if (current) { await selectUnit(code); return; }
  let found = false;
  layer?.eachLayer((l) => { if (l.feature?.properties.code === code) { found = true; l.fire("click"); } });
  if (!found) { selected = null; writeState(); }
}

function unitPageHref(code) {
  return config.unitPageUrl.replace("LEVEL", encodeURIComponent(currentLevel()))
    .replace("CODE", encodeURIComponent(code)) + (config.audience === "analyst" ? "?view=analyst" : "") +
    (config.territory ? `${config.audience === "analyst" ? "&" : "?"}t=${encodeURIComponent(config.territory)}` : "");
}

function unitPageLink(code) {
  const href = unitPageHref(code);
  return `<p><a class="unit-page-link" href="${escapeHtml(href)}">${escapeHtml(text.unitPage)}</a></p>`;
}

// ---- what the indicator is and where its numbers come from -------------------------------
function showAbout(indicator) {
  if (!indicator || !current) { $("about").innerHTML = ""; return; }
  const meta = current.values.metadata ?? {};
  const inputs = meta.inputs ?? {};
  const imported = [...(inputs.submissions ?? []), ...(inputs.aggregate_imports ?? [])];
  const institutions = [...new Set(imported.map((s) => s.institution).filter(Boolean))].sort();
  const dates = imported.map((s) => String(s.imported ?? "").slice(0, 10)).filter(Boolean).sort();
  const years = [...new Set(Object.values(inputs.population_years ?? {}).filter((y) => y !== null))].sort();
  const parts = [];
  if (institutions.length) parts.push(`${text.source} ${escapeHtml(institutions.join(", "))}`);
  if (dates.length) parts.push(text.imported.replace("%(date)s", escapeHtml(dates[dates.length - 1])));
  if (years.length) parts.push(`${text.population} ${escapeHtml(years.join(", "))}`);
  if (meta.created) parts.push(text.computed.replace("%(date)s", escapeHtml(String(meta.created).slice(0, 10))));
  $("about").innerHTML = `<h2>${escapeHtml(text.about)}</h2>` +
    (indicator.description ? `<p>${escapeHtml(indicator.description)}</p>` : "") +
    `<p class="hint">${parts.join(". ")}${parts.length ? "." : ""}</p>`;
}

// ---- the table: sorted by any column -----------------------------------------------------
function cellValue(text_) {
  const plain = text_.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  const number_ = Number(plain);
  return plain !== "" && Number.isFinite(number_) ? number_ : null;
}

function makeSortable() {
  const head = $("table-head");
  const headers = [...head.querySelectorAll("th")];
  headers.forEach((th, index) => {
    if (th.querySelector("button") || th.querySelector(".skip")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.innerHTML = th.innerHTML;
    th.innerHTML = "";
    th.append(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const body = $("table-body");
      const rows = [...body.querySelectorAll("tr")];
      const key = (row) => row.children[index]?.textContent.trim() ?? "";
      const numeric = rows.every((row) => key(row) === "" || cellValue(key(row)) !== null);
      rows.sort((a, b) => {
        let order;
        if (numeric) {
          const x = cellValue(key(a)); const y = cellValue(key(b));
          order = x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y;
          if (!ascending && x !== null && y !== null) order = -order;
          return order;
        }
        order = key(a).localeCompare(key(b), lang, { numeric: true });
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
}

// ---- places of help as a layer ----------------------------------------------------------
async function showResources() {
  if (resourceLayer) { resourceLayer.remove(); resourceLayer = null; }
  $("resource-legend").innerHTML = "";
  delete $("map").dataset.resources;
  if (!$("resources").checked) return;
  if (!resourceData) resourceData = await getJson(config.resourcesUrl);
  resourceLayer = L.geoJSON(resourceData, {
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, {
      radius: 6, color: "#1b1b1b", weight: 1, fillColor: "#1a9850", fillOpacity: 0.9,
      className: "resource-marker",
    }),
    onEachFeature: (feature, marker) => {
      const p = feature.properties;
      marker.bindTooltip(`<strong>${escapeHtml(p.name)}</strong><br>${escapeHtml(p.kind_label)}` +
        `${p.address ? `<br>${escapeHtml(p.address)}` : ""}`);
    },
  }).addTo(map);
  const count = resourceData.features.length;
  $("resource-legend").innerHTML = `<h2>${escapeHtml(text.resources)}</h2><ul><li>` +
    `${swatchSvg("#1a9850", "#1b1b1b")}${escapeHtml(text.resourcesHint)} <span class="count">(${count})</span></li></ul>`;
  $("map").dataset.resources = String(count);
}

// ---- two periods side by side, on the classes of the chosen one ------------------------
async function showCompare() {
  const period = $("compare").value;
  const box = $("map-compare");
  if (compareLayer) { compareLayer.remove(); compareLayer = null; }
  if (!period || !current) {
    for (const cell of document.querySelectorAll(".compare-column")) cell.remove();
    if (!box.hidden) { box.hidden = true; map.invalidateSize(); }
    delete box.dataset.period;
    return;
  }
  const { indicator, level } = current;
  const values = await getJson(`${config.indicatorsUrl}/${encodeURIComponent(indicator.id)}/values?level=` +
    `${encodeURIComponent(level)}&period=${encodeURIComponent(period)}&classes=${$("classes").value}${audienceQuery}`);
  const wasHidden = box.hidden;
  box.hidden = false;
  if (!compareMap) {
    compareMap = L.map("map-compare", { zoomControl: false, attributionControl: false });
    if (config.tileUrl) L.tileLayer(config.tileUrl, { maxZoom: 19 }).addTo(compareMap);
    map.on("move", () => compareMap.setView(map.getCenter(), map.getZoom(), { animate: false }));
  }
  if (wasHidden) map.invalidateSize();
  compareMap.invalidateSize();
  compareMap.setView(map.getCenter(), map.getZoom(), { animate: false });
  const uppers = current.values.legend.map((c) => c.upper);
  const byCode = Object.fromEntries(values.values.map((r) => [r.unit_code, r]));
  const data = await loadShapes(level);
  compareLayer = L.geoJSON(data, {
    style: (f) => {
      const row = byCode[f.properties.code];
      const value = row && !row.hidden ? row.value : null;
      return { color: "#444", weight: 1, fillOpacity: 0.75, dashArray: row && row.hidden ? "3 3" : null,
        fillColor: value === null ? NO_DATA : colourOfClass(classOf(value, uppers), uppers.length) };
    },
    onEachFeature: (f, featureLayer) => {
      featureLayer.bindTooltip(() => (byCode[f.properties.code] ? describeValue(byCode[f.properties.code]) : escapeHtml(f.properties.code)), { sticky: true });
    },
  }).addTo(compareMap);
  $("compare-title").textContent = text.compareTitle.replace("%(period)s", period)
    .replace("%(main)s", current.period);
  // The compared period's rates in the table too, for whoever does not see the maps.
  const head = $("table-head").querySelector("tr");
  head.querySelector("th.compare-column")?.remove();
  const th = document.createElement("th");
  th.scope = "col";
  th.className = "compare-column";
  th.textContent = text.rateIn.replace("%(period)s", period);
  head.append(th);
  for (const tr of $("table-body").querySelectorAll("tr")) {
    tr.querySelector("td.compare-column")?.remove();
    const row = byCode[tr.children[0].textContent];
    const td = document.createElement("td");
    td.className = "compare-column";
    td.textContent = !row ? "" : row.hidden ? row.label : fmtRate(row.value);
    tr.append(td);
  }
  makeSortable();
  box.dataset.period = period;
}

// ---- an address: the unit it lies in ------------------------------------------------------
async function findAddress() {
  const q = $("address").value.trim();
  if (!q) return;
  $("address-result").textContent = text.searching;
  let found;
  try {
    const response = await fetch(config.geocodeUrl, {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ q }),
    });
    if (!response.ok) throw new Error(String(response.status));
    found = await response.json();
  } catch (error) {
    $("address-result").textContent = text.loadError;
    return;
  }
  const level = currentLevel();
  const code = found.units?.[level];
  if (!code || !layer) { $("address-result").textContent = text.notFound; return; }
  let target = null;
  layer.eachLayer((l) => { if (l.feature?.properties.code === code) target = l; });
  if (!target) { $("address-result").textContent = text.notFound; return; }
  map.fitBounds(target.getBounds(), { padding: [40, 40], maxZoom: 16 });
  $("address-result").textContent = text.foundIn.replace("%(unit)s", target.feature.properties.name);
  if (current) await selectUnit(code); else target.fire("click");
}

// ---- the map as a PNG: its shapes, drawn from Leaflet's SVG onto a canvas -----------------
async function downloadPng() {
  const svg = map.getPanes().overlayPane.querySelector("svg");
  if (!svg) return;
  const clone = svg.cloneNode(true);
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  clone.removeAttribute("style");
  // Classes are styled by the page's CSS: write them as attributes for the image.
  for (const path of clone.querySelectorAll("path.unit-hidden")) path.setAttribute("fill", "url(#kooperacja-hatch)");
  for (const path of clone.querySelectorAll("path.gap")) path.setAttribute("fill", "url(#kooperacja-gap-hatch)");
  for (const path of clone.querySelectorAll("path.hotspot")) path.setAttribute("fill", "none");
  const width = Number(svg.getAttribute("width")); const height = Number(svg.getAttribute("height"));
  const image = new Image();
  const loaded = new Promise((resolve, reject) => { image.onload = resolve; image.onerror = reject; });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = width; canvas.height = height + 30;
  const context = canvas.getContext("2d");
  context.fillStyle = "#fff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 30);
  context.fillStyle = "#000";
  context.font = "16px sans-serif";
  context.fillText($("table-caption").textContent, 8, 20);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${stateQuery().get("indicator")}-${currentLevel()}.png`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  $("map").dataset.png = String(blob.size);
}

async function refresh() {
  const level = currentLevel();
  const levelName = config.levels.find((l) => l.code === level)?.name ?? level;
  const indicator = chosenIndicator();
  $("table-head").innerHTML = indicator ? $("indicator-head").innerHTML : $("table-head").dataset.density;
  makeSortable();
  $("panel-title").textContent = indicator ? indicator.name : text.densityTitle;
  $("hint").textContent = indicator
    ? text.indicatorHint.replace("%(per)s", number.format(indicator.per)).replace("%(period)s", $("period").value)
    : text.densityHint;
  $("selection").innerHTML = "";
  delete $("selection").dataset.unit;
  try {
    const data = await loadShapes(level);
    if (indicator) {
      const values = await getJson(`${config.indicatorsUrl}/${encodeURIComponent(indicator.id)}/values?level=` +
        `${encodeURIComponent(level)}&period=${encodeURIComponent($("period").value)}` +
        `&classes=${$("classes").value}${audienceQuery}`);
      showIndicator(data, values, indicator, levelName);
      $("map").dataset.hidden = String(values.hidden);
    } else {
      current = null;
      showDensity(data, level, levelName);
    }
    await showHotspots();
    await showGaps();
    const mapElement = $("map");
    mapElement.dataset.level = level;
    mapElement.dataset.indicator = indicator ? indicator.id : "density";
    mapElement.dataset.period = indicator ? $("period").value : "";
    mapElement.dataset.classes = $("classes").value;
    mapElement.dataset.features = String(data.features.length);
    showAbout(indicator);
    await showCompare();
    await showResources();
    writeState();
    if (selected) await reselect(selected);
  } catch (error) {
    $("selection").textContent = text.loadError;
  }
}

$("table-head").dataset.density = $("table-head").innerHTML;
$("indicator").addEventListener("change", () => { selected = null; fillPeriods(chosenIndicator()); refresh(); });
$("period").addEventListener("change", () => { fillCompare(chosenIndicator()); refresh(); });
$("classes").addEventListener("change", refresh);
$("hotspots").addEventListener("change", () => showHotspots().then(writeState).catch(() => { $("selection").textContent = text.loadError; }));
for (const id of ["gaps", "gap-kind"]) {
  $(id)?.addEventListener("change", () => showGaps().then(writeState).catch(() => { $("selection").textContent = text.loadError; }));
}
$("compare").addEventListener("change", () => showCompare().then(writeState).catch(() => { $("selection").textContent = text.loadError; }));
$("resources").addEventListener("change", () => showResources().then(writeState).catch(() => { $("selection").textContent = text.loadError; }));
for (const input of document.querySelectorAll('input[name="level"]')) {
  input.addEventListener("change", () => { selected = null; refresh(); });
}
$("address-search").addEventListener("submit", (event) => { event.preventDefault(); findAddress(); });
$("download-png").addEventListener("click", () => downloadPng().catch(() => { $("selection").textContent = text.loadError; }));
makeSortable();
applyInitialState();
refresh();
