// The tsforge page: plain browser JavaScript over the JSON API, no build step. URLs are relative so that the page
// also works behind a path prefix.
'use strict';

const FINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);
const KEY_STORAGE = 'tsforge.apiKey';
let selectedSeries = null;
let pollTimer = null;

/** A problem detail (RFC 9457) from the API, kept whole so that its fields can be shown. */
class Problem extends Error {
  constructor(body, status) {
    super(body.detail || body.title || ('HTTP ' + status));
    this.body = body;
    this.status = status;
  }
}

/** With tsforge.security.enabled every API call needs a key: the one typed in the header, kept in this browser. */
function keyHeaders() {
  const key = localStorage.getItem(KEY_STORAGE);
  return key ? { 'X-API-Key': key } : {};
}

async function api(method, url, body, contentType) {
  const options = { method, headers: { Accept: 'application/json', ...keyHeaders() } };
  if (body !== undefined) {
    options.headers['Content-Type'] = contentType || 'application/json';
    options.body = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(url, options);
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    return new Problem(await response.json(), response.status);
  }
  return new Problem({ title: 'HTTP ' + response.status, status: response.status,
    detail: (await response.text()).slice(0, 300) }, response.status);
}

/** Shows an error as a person would want to read it: what, why, and each field or line at fault. */
function showError(error) {
  const box = $('error');
  box.replaceChildren();
  const body = error instanceof Problem ? error.body : { title: 'Error', detail: String(error.message || error) };
  const title = document.createElement('strong');
  title.textContent = (body.title || 'Error') + (body.status ? ' (' + body.status + ')' : '');
  box.append(title, document.createTextNode(body.detail || ''));
  const items = Array.isArray(body.errors) ? body.errors : [];
  if (items.length) {
    const list = document.createElement('ul');
    for (const item of items.slice(0, 20)) {
      const li = document.createElement('li');
      const where = item.field ? item.field : item.line !== undefined ? 'line ' + item.line
        : item.index !== undefined ? 'point ' + item.index : '';
      li.textContent = (where ? where + ': ' : '') + (item.message || item.reason || JSON.stringify(item));
      list.append(li);
    }
    if (items.length > 20) {
      const li = document.createElement('li');
      li.textContent = '… and ' + (items.length - 20) + ' more';
      list.append(li);
    }
    box.append(list);
  }
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}

function clearError() {
  $('error').hidden = true;
}

async function loadSeries() {
  const page = await api('GET', 'api/v1/series?size=500');
  const rows = page.items.map((s) => {
    const tr = document.createElement('tr');
    tr.dataset.id = s.id;
    tr.className = s.id === selectedSeries ? 'selected' : '';
    for (const text of [s.id, s.name, s.frequency, s.updatedAt]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    tr.addEventListener('click', () => select(s.id).catch(showError));
    return tr;
  });
  $('series-list').replaceChildren(...rows);
  $('series-empty').hidden = rows.length > 0;
}

async function select(id) {
  clearError();
  selectedSeries = id;
  const series = await api('GET', 'api/v1/series/' + id);
  $('selected-name').textContent = series.name + ' (' + series.frequency + ')';
  $('selected-facts').textContent = series.pointCount + ' points'
    + (series.firstTimestamp ? ', ' + series.firstTimestamp + ' to ' + series.lastTimestamp : '');
  $('selected-section').hidden = false;
  $('job').hidden = true;
  $('forecast').hidden = true;
  for (const tr of $('series-list').children) {
    tr.className = Number(tr.dataset.id) === id ? 'selected' : '';
  }
  const models = await api('GET', 'api/v1/series/' + id + '/models');
  const model = models.find((m) => m.champion) || models[0];
  if (model) {
    showForecast(id, model.id);
  }
}

async function upload(event) {
  event.preventDefault();
  clearError();
  const file = $('csv-file').files[0];
  if (!file) {
    showError(new Error('Choose a CSV file with a timestamp,value header.'));
    return;
  }
  const series = await api('POST', 'api/v1/series', { name: $('series-name').value.trim(),
    frequency: $('series-frequency').value.trim() });
  try {
    const result = await api('POST', 'api/v1/series/' + series.id + '/points', await file.text(), 'text/csv');
    $('upload-result').textContent = 'Series ' + series.name + ': ' + result.inserted + ' points stored, '
      + result.first + ' to ' + result.last + '.';
  } catch (error) {
    // the CSV stored nothing; remove the empty series too, so that fixing the file and retrying just works
    await api('DELETE', 'api/v1/series/' + series.id).catch(() => {});
    throw error;
  }
  await loadSeries();
  await select(series.id);
}

async function train(event) {
  event.preventDefault();
  clearError();
  const spec = {
    architecture: $('train-architecture').value,
    hiddenSizes: [Number($('train-hidden').value)],
    lookback: Number($('train-lookback').value),
    horizon: Number($('train-horizon').value),
    epochs: Number($('train-epochs').value),
  };
  const job = await api('POST', 'api/v1/series/' + selectedSeries + '/trainings', spec);
  $('forecast').hidden = true;
  watch(job);
}

function watch(job) {
  clearTimeout(pollTimer);
  $('job').hidden = false;
  $('job-id').textContent = job.id;
  $('loss-chart').removeAttribute('src');
  let shownEpoch = -1;
  const tick = async () => {
    try {
      const current = await api('GET', 'api/v1/training-jobs/' + job.id);
      render(current);
      if (current.epoch !== shownEpoch || FINAL.includes(current.status)) {
        shownEpoch = current.epoch;
        loadChart($('loss-chart'), 'api/v1/training-jobs/' + job.id + '/loss-chart.png?width=860&height=320&epoch='
          + current.epoch + '&status=' + current.status);
      }
      if (!FINAL.includes(current.status)) {
        pollTimer = setTimeout(tick, POLL_MS);
      } else if (current.status === 'SUCCEEDED') {
        showForecast(current.seriesId, current.modelId);
      } else {
        showError(new Problem({ title: 'Training ' + current.status.toLowerCase(),
          detail: current.errorMessage || current.stopReason || '' }, 0));
      }
    } catch (error) {
      showError(error);
    }
  };
  tick();
}

function render(job) {
  const status = $('job-status');
  status.textContent = job.status;
  status.className = 'status ' + job.status;
  let progress = 'epoch ' + job.epoch + ' of ' + job.epochs;
  if (job.lastLoss != null) {
    progress += ', loss ' + job.lastLoss.toPrecision(4);
  }
  if (job.validationLoss != null) {
    progress += ', validation ' + job.validationLoss.toPrecision(4);
  }
  if (job.estimatedMillisLeft != null && !FINAL.includes(job.status)) {
    progress += ', about ' + Math.ceil(job.estimatedMillisLeft / 1000) + ' s left';
  }
  $('job-progress').textContent = progress;
  $('job-bar').value = job.epochs ? job.epoch / job.epochs : 0;
  $('job-outcome').textContent = [job.stopReason, job.outcome].filter(Boolean).join(' · ');
}

function showForecast(seriesId, modelId) {
  const base = 'api/v1/series/' + seriesId + '/chart';
  const query = '?forecast=true&modelId=' + modelId;
  $('forecast-model').textContent = 'by model ' + modelId;
  $('forecast-svg').href = base + '.svg' + query;
  $('backtest-link').href = 'api/v1/models/' + modelId + '/backtest-chart.png';
  $('forecast').hidden = false;
  loadChart($('forecast-chart'), base + '.png' + query + '&width=900&height=420&t=' + Date.now());
}

/** An image that, when the API refuses it, shows the problem detail instead of a broken image. */
function loadChart(img, url) {
  const headers = { Accept: 'image/png, application/problem+json', ...keyHeaders() };
  if (headers['X-API-Key']) {
    // an <img> cannot send the key: fetch the chart with it and show the bytes
    fetch(url, { headers })
      .then(async (response) => {
        if (!response.ok) {
          throw await problemOf(response);
        }
        img.src = URL.createObjectURL(await response.blob());
      })
      .catch(showError);
    return;
  }
  img.onerror = async () => {
    try {
      const response = await fetch(url, { headers });
      showError(response.ok ? new Error('The chart could not be shown.') : await problemOf(response));
    } catch (error) {
      showError(error);
    }
  };
  img.src = url;
}

$('api-key').value = localStorage.getItem(KEY_STORAGE) || '';
$('api-key').addEventListener('change', () => {
  const key = $('api-key').value.trim();
  if (key) {
    localStorage.setItem(KEY_STORAGE, key);
  } else {
    localStorage.removeItem(KEY_STORAGE);
  }
  loadSeries().catch(showError);
});

$('upload-form').addEventListener('submit', (e) => upload(e).catch(showError));
$('train-form').addEventListener('submit', (e) => train(e).catch(showError));
$('refresh-button').addEventListener('click', () => loadSeries().catch(showError));
loadSeries().catch(showError);
