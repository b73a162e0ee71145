// Draws the Funnelcast report's charts and tables from the JSON the page carries (id "report-data").
// Figures come from the data as they are; this file only lays them out. Charts are ECharts instances, kept in
// window.funnelcastReport.charts by element id; a selector redraws the charts it controls.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = {};
  window.funnelcastReport = { data: data, charts: charts };

  var PALETTE = ['#2f6fdb', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc', '#73c0de', '#fac858', '#ee6666'];

  function pct(x, digits) {
    return x === null || x === undefined ? '–' : (100 * x).toFixed(digits === undefined ? 1 : digits) + '%';
  }
  function num(x) {
    if (x === null || x === undefined) { return '–'; }
    return Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en') : (+x.toPrecision(3)).toLocaleString('en');
  }
  function days(x) { return x === null || x === undefined ? '–' : x.toFixed(2) + ' d'; }
  function el(id) { return document.getElementById(id); }
  function text(id, value) { var e = el(id); if (e) { e.textContent = value || ''; } }

  function chart(id, option) {
    var node = el(id);
    if (!node) { return; }
    var instance = charts[id] || echarts.init(node, null, { renderer: 'canvas' });
    charts[id] = instance;
    option.animation = false;
    option.color = option.color || PALETTE;
    option.textStyle = { fontFamily: 'system-ui, sans-serif' };
    if (option.grid) { option.grid.containLabel = true; }
    instance.setOption(option, true);
  }

  function title(main, sub) {
    return { text: main, subtext: sub || '', left: 0, textStyle: { fontSize: 13, fontWeight: 600 } };
  }

  function axis(type, name, extra) {
    var a = { type: type, name: name, nameLocation: 'middle', nameGap: type === 'category' ? 30 : 45 };
    for (var k in extra || {}) { a[k] = extra[k]; }
    return a;
  }

  function fill(select, choices, onChange) {
    var node = el(select);
    if (!node) { return; }
    node.innerHTML = '';
    choices.forEach(function (c) {
      var option = document.createElement('option');
      option.value = c.key;
      option.textContent = c.label;
      node.appendChild(option);
    });
    node.onchange = onChange;
  }

  function value(select) { var node = el(select); return node ? node.value : null; }

  function table(id, head, rows) {
    var node = el(id);
    if (!node) { return; }
    var html = '<thead><tr>' + head.map(function (h, i) {
      return '<th' + (i === 0 ? ' class="text"' : '') + '>' + h + '</th>';
    }).join('') + '</tr></thead><tbody>';
    rows.forEach(function (row) {
      html += '<tr>' + row.map(function (cell) {
        var c = typeof cell === 'object' && cell !== null ? cell : { v: cell };
        return '<td' + (c.cls ? ' class="' + c.cls + '"' : '') + '>' + escape(c.v) + '</td>';
      }).join('') + '</tr>';
    });
    node.innerHTML = html + '</tbody>';
  }

  function escape(v) {
    return String(v === null || v === undefined ? '–' : v).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  }

  // Headline ----------------------------------------------------------------------------------------------
  function headline(h) {
    var cards = el('headline-cards');
    var total = h.stages.reduce(function (s, x) { return s + x.now; }, 0);
    var html = card('Users with a stage', total.toLocaleString('en'), '');
    h.stages.forEach(function (s) {
      var change = s.weekAgo === null ? 'no figure a week ago' : (s.now - s.weekAgo >= 0 ? '+' : '') +
        (s.now - s.weekAgo).toLocaleString('en') + ' in a week';
      html += card(s.stage, s.now.toLocaleString('en'), change);
    });
    if (h.wholeFunnel) {
      html += card('Whole funnel', pct(h.wholeFunnel.rate), h.wholeFunnel.from + ' → ' + h.wholeFunnel.to +
        ', median ' + days(h.wholeFunnel.medianDays));
    }
    cards.innerHTML = html;
    chart('chart-headline-stages', {
      title: title('Users per stage at the end of the day'),
      legend: { top: 24, left: 0 }, tooltip: { trigger: 'axis' }, grid: { top: 70, bottom: 50, left: 60, right: 10 },
      xAxis: axis('category', 'stage', { data: h.stages.map(function (s) { return s.stage; }), axisLabel: { interval: 0 } }),
      yAxis: axis('value', 'users'),
      series: [
        { name: 'month ago (' + h.monthAgo + ')', type: 'bar', data: h.stages.map(function (s) { return s.monthAgo; }) },
        { name: 'week ago (' + h.weekAgo + ')', type: 'bar', data: h.stages.map(function (s) { return s.weekAgo; }) },
        { name: 'now (' + data.asOf + ')', type: 'bar', data: h.stages.map(function (s) { return s.now; }) }]
    });
    chart('chart-headline-statuses', {
      title: title('Users in a stage by activity status, ' + data.asOf),
      tooltip: {}, grid: { top: 64, bottom: 50, left: 90, right: 20 },
      xAxis: axis('value', 'users'),
      yAxis: axis('category', 'status', { data: h.statuses.map(function (s) { return s.label; }), inverse: true,
        nameLocation: 'start' }),
      series: [{ name: 'users', type: 'bar', data: h.statuses.map(function (s) { return s.count; }),
        label: { show: true, position: 'right' } }]
    });
    text('reading-headline', h.reading);
  }

  function card(label, value, change) {
    return '<div class="card"><div class="label">' + escape(label) + '</div><div class="value">' + escape(value) +
      '</div><div class="change">' + escape(change) + '</div></div>';
  }

  // Funnel ------------------------------------------------------------------------------------------------
  function funnel(f) {
    fill('select-funnel-segment', f.segments, function () { drawFunnel(f); });
    drawFunnel(f);
  }

  function drawFunnel(f) {
    var view = f.views[value('select-funnel-segment')];
    var ladder = view.steps.filter(function (s) { return s.index > 0; });
    var stages = [], users = [], labels = [];
    if (ladder.length) {
      stages.push(ladder[0].from); users.push(ladder[0].reached); labels.push('');
    }
    ladder.forEach(function (s) {
      stages.push(s.to); users.push(s.converted);
      labels.push(pct(s.rate) + ' of ' + s.from + (s.medianDays === null ? '' : ', median ' + days(s.medianDays)));
    });
    chart('chart-funnel', {
      title: title('Users who reached each stage: ' + view.label),
      tooltip: {}, grid: { top: 64, bottom: 50, left: 110, right: 260 },
      xAxis: axis('value', 'users'),
      yAxis: axis('category', 'stage', { data: stages, inverse: true, nameLocation: 'start' }),
      series: [{ name: 'users who reached the stage', type: 'bar', data: users.map(function (u, i) {
        return { value: u, label: { show: true, position: 'right', formatter: u.toLocaleString('en') +
          (labels[i] ? '  (' + labels[i] + ')' : '') } };
      }) }]
    });
    table('table-funnel', ['step', 'reached', 'converted', 'rate', 'median days'], view.steps.map(function (s) {
      return [s.from + ' → ' + s.to + (s.index === 0 ? ' (whole funnel)' : ''), s.reached.toLocaleString('en'),
        s.converted.toLocaleString('en'), pct(s.rate), s.medianDays === null ? '–' : s.medianDays.toFixed(2)];
    }));
    text('reading-funnel', view.reading);
  }

  // Population --------------------------------------------------------------------------------------------
  function population(p) {
    chart('chart-population', {
      title: title('Users in each stage at the end of the day (stacked)'),
      legend: { top: 24, left: 0 }, tooltip: { trigger: 'axis' }, grid: { top: 70, bottom: 50, left: 60, right: 10 },
      xAxis: axis('category', 'business day', { data: p.days, boundaryGap: false }),
      yAxis: axis('value', 'users'),
      series: p.stages.map(function (s) {
        // One day draws no area: bars then.
        return p.days.length > 1 ? { name: s.stage, type: 'line', stack: 'users', areaStyle: {}, symbol: 'none', data: s.users }
          : { name: s.stage, type: 'bar', stack: 'users', data: s.users };
      })
    });
    var flows = [];
    p.stages.forEach(function (s, i) {
      flows.push({ name: s.stage, type: 'bar', stack: 'entered', data: s.entered, itemStyle: { color: PALETTE[i % 8] } });
    });
    p.stages.forEach(function (s, i) {
      flows.push({ name: s.stage, type: 'bar', stack: 'exited', itemStyle: { color: PALETTE[i % 8], opacity: 0.55 },
        data: s.exited.map(function (x) { return -x; }) });
    });
    chart('chart-flows', {
      title: title('Stage visits started (up) and ended (down) each day'),
      legend: { top: 24, left: 0 }, tooltip: { trigger: 'axis' }, grid: { top: 70, bottom: 50, left: 60, right: 10 },
      xAxis: axis('category', 'business day', { data: p.days }),
      yAxis: axis('value', 'stage visits', { axisLabel: { formatter: function (v) { return Math.abs(v); } } }),
      series: flows
    });
    text('reading-population', p.reading);
  }

  // Cohorts -----------------------------------------------------------------------------------------------
  function cohorts(c) {
    fill('select-cohort-pair', c.pairs, function () { fillGrains(c); drawCohorts(c); });
    fillGrains(c);
    drawCohorts(c);
  }

  function fillGrains(c) {
    var pair = value('select-cohort-pair');
    var grains = Object.keys(c.heatmaps).filter(function (k) { return k.indexOf(pair + '|') === 0; })
      .map(function (k) { var g = k.split('|')[1]; return { key: g, label: g }; });
    fill('select-cohort-grain', grains, function () { drawCohorts(c); });
    var by = [{ key: 'cohort', label: 'cohort' }];
    if (c.curves[pair + '|segment']) { by.push({ key: 'segment', label: 'segment (all cohorts)' }); }
    fill('select-curves-by', by, function () { drawCohorts(c); });
  }

  function drawCohorts(c) {
    var pair = value('select-cohort-pair');
    var label = c.pairs.filter(function (p) { return p.key === pair; })[0].label;
    var h = c.heatmaps[pair + '|' + value('select-cohort-grain')];
    var cells = [];
    h.rates.forEach(function (row, y) {
      row.forEach(function (rate, x) { if (rate !== null) { cells.push([x, y, rate]); } });
    });
    // Rows of a fixed height: a few cohorts make a short chart, many a long one.
    el('chart-heatmap').style.height = Math.max(240, 170 + 30 * h.cohorts.length) + 'px';
    if (charts['chart-heatmap']) { charts['chart-heatmap'].resize(); }
    var rows = h.cohorts.map(function (start, i) {
      return h.grain + ' of ' + start + ' · ' + h.entrants[i].toLocaleString('en') + ' entrants · ' +
        pct(h.inFlightShare[i], 0) + ' in flight';
    });
    chart('chart-heatmap', {
      title: title(label + ': share converted within N days, by cohort (Kaplan–Meier)'),
      tooltip: { formatter: function (p) {
        return rows[p.value[1]] + '<br>within ' + c.curveDays[p.value[0]] + ' days: ' + pct(p.value[2]);
      } },
      grid: { top: 64, bottom: 90, left: 300, right: 20 },
      xAxis: axis('category', 'days since entering ' + label.split(' → ')[0],
        { data: c.curveDays.map(String), splitArea: { show: true } }),
      yAxis: axis('category', 'cohort', { data: rows, inverse: true, nameLocation: 'start' }),
      visualMap: { min: 0, max: 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        text: ['100%', '0%'], inRange: { color: ['#f0f4f8', '#9fb3c8', '#2f6fdb', '#102a43'] } },
      series: [{ name: 'conversion rate', type: 'heatmap', data: cells,
        label: { show: true, formatter: function (p) { return pct(p.value[2], 0); } } }]
    });
    text('reading-heatmap', h.reading);

    var set = c.curves[pair + '|' + value('select-curves-by')];
    var series = [];
    set.curves.forEach(function (curve, i) {
      var color = PALETTE[i % 8];
      var stack = 'band' + i;
      series.push({ name: curve.label, type: 'line', data: curve.low, stack: stack, symbol: 'none',
        lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true });
      series.push({ name: curve.label, type: 'line', stack: stack, symbol: 'none', lineStyle: { opacity: 0 },
        areaStyle: { color: color, opacity: 0.15 }, tooltip: { show: false }, silent: true,
        data: curve.high.map(function (hi, j) { return hi === null || curve.low[j] === null ? null : hi - curve.low[j]; }) });
      series.push({ name: curve.label, type: 'line', data: curve.rate, itemStyle: { color: color },
        lineStyle: { width: 2 } });
    });
    chart('chart-curves', {
      title: title(label + ': Kaplan–Meier share converted by day since entry, with 95% band'),
      legend: { top: 24, left: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return pct(v); } },
      grid: { top: 70, bottom: 50, left: 60, right: 10 },
      xAxis: axis('category', 'days since entering ' + label.split(' → ')[0], { data: c.curveDays.map(String), boundaryGap: false }),
      yAxis: axis('value', 'share converted', { min: 0, max: 1, axisLabel: { formatter: function (v) { return pct(v, 0); } } }),
      series: series
    });
    text('reading-curves', set.reading);

    var d = c.distributions[pair];
    if (d) {
      el('chart-times').style.display = '';
      var cumulative = [], running = 0;
      d.counts.forEach(function (n, i) { running += n; cumulative.push([d.binStarts[i] + d.binDays, running / d.converters]); });
      var marks = Object.keys(d.percentiles).map(function (k) {
        return { xAxis: d.percentiles[k], label: { formatter: k + ' ' + d.percentiles[k].toFixed(2) + ' d' } };
      });
      chart('chart-times', {
        title: title(label + ': days to convert of the ' + d.converters.toLocaleString('en') + ' converters'),
        legend: { top: 24, left: 0 }, tooltip: { trigger: 'axis' }, grid: { top: 70, bottom: 50, left: 60, right: 60 },
        xAxis: axis('value', 'days to convert', { min: 0 }),
        yAxis: [axis('value', 'converters per ' + d.binDays + '-day bin'),
          axis('value', 'converted by then', { min: 0, max: 1, axisLabel: { formatter: function (v) { return pct(v, 0); } } })],
        series: [
          { name: 'converters', type: 'bar', barWidth: '90%', barCategoryGap: 0,
            data: d.counts.map(function (n, i) { return [d.binStarts[i] + d.binDays / 2, n]; }) },
          { name: 'cumulative share', type: 'line', yAxisIndex: 1, symbol: 'none', data: [[0, 0]].concat(cumulative),
            markLine: { symbol: 'none', lineStyle: { type: 'dashed', color: '#616e7c' }, data: marks } }]
      });
      text('reading-times', d.reading);
    } else {
      if (charts['chart-times']) { charts['chart-times'].dispose(); delete charts['chart-times']; }
      el('chart-times').style.display = 'none';
      text('reading-times', 'No converter of this pair as of ' + data.asOf + '.');
    }
  }

  // Forecast ----------------------------------------------------------------------------------------------
  function forecast(f) {
    fill('select-forecast-series', f.series, function () { fillForecastGrains(f); drawForecast(f); });
    fillForecastGrains(f);
    drawForecast(f);
    table('table-forecast-totals', ['series'].concat(totalsColumns(f.totals)).concat(['basis']), f.totals.map(function (t) {
      return [t.label].concat(totalsColumns(f.totals).map(function (c) { return t.figures[c] || '–'; }))
        .concat([{ v: t.basis, cls: 'text' }]);
    }));
  }

  function totalsColumns(totals) {
    var columns = [];
    totals.forEach(function (t) { Object.keys(t.figures).forEach(function (c) { if (columns.indexOf(c) < 0) { columns.push(c); } }); });
    return columns;
  }

  function fillForecastGrains(f) {
    var s = value('select-forecast-series');
    fill('select-forecast-grain', ['week', 'month'].filter(function (g) { return f.fans[s + '|' + g]; })
      .map(function (g) { return { key: g, label: g + 's' }; }), function () { drawForecast(f); });
  }

  function drawForecast(f) {
    var fan = f.fans[value('select-forecast-series') + '|' + value('select-forecast-grain')];
    chart('chart-forecast', {
      title: title(fan.label + ' per ' + fan.grain + ': actual, then forecast p50 with its 80% interval'),
      legend: { top: 24, left: 0, data: ['actual', '80% interval (p10–p90)', 'p50 (median)', 'from users in flight (p50)',
        'from new entrants (p50)'] },
      tooltip: { trigger: 'axis', valueFormatter: num },
      grid: { top: 70, bottom: 70, left: 70, right: 10 },
      xAxis: axis('category', fan.grain + ' starting (business time zone)', { data: fan.periods, nameGap: 50 }),
      yAxis: axis('value', fan.unit + ' per ' + fan.grain, { nameGap: 55 }),
      series: [
        { name: 'actual', type: 'bar', data: fan.actual, itemStyle: { color: '#9fb3c8' } },
        { name: 'p10', type: 'line', stack: 'interval', data: fan.p10, symbol: 'none', lineStyle: { opacity: 0 } },
        { name: '80% interval (p10–p90)', type: 'line', stack: 'interval', symbol: 'none', lineStyle: { opacity: 0 },
          itemStyle: { color: '#9fc1f5' }, areaStyle: { color: '#2f6fdb', opacity: 0.18 },
          data: fan.p90.map(function (hi, i) { return hi === null ? null : hi - fan.p10[i]; }) },
        { name: 'p50 (median)', type: 'line', data: fan.p50, itemStyle: { color: '#2f6fdb' }, lineStyle: { width: 2 } },
        { name: 'from users in flight (p50)', type: 'line', data: fan.inFlightP50, itemStyle: { color: '#3ba272' },
          lineStyle: { type: 'dashed' } },
        { name: 'from new entrants (p50)', type: 'line', data: fan.newEntrantsP50, itemStyle: { color: '#fc8452' },
          lineStyle: { type: 'dashed' } }]
    });
    text('reading-forecast', fan.reading);
  }

  function accuracy(a) {
    var first = a.rows[0];
    var rows = a.rows.filter(function (r) { return r.pair === first.pair && r.grain === first.grain; });
    var bands = [], methods = [];
    rows.forEach(function (r) {
      if (bands.indexOf(r.band) < 0) { bands.push(r.band); }
      if (methods.indexOf(r.method) < 0) { methods.push(r.method); }
    });
    chart('chart-accuracy', {
      title: title(first.pair + ', ' + first.grain + 's: WAPE by horizon, model against baselines (lower is better)'),
      legend: { top: 24, left: 0 }, tooltip: { trigger: 'axis', valueFormatter: function (v) { return pct(v); } },
      grid: { top: 70, bottom: 50, left: 60, right: 10 },
      xAxis: axis('category', first.grain + 's ahead', { data: bands }),
      yAxis: axis('value', 'WAPE', { axisLabel: { formatter: function (v) { return pct(v, 0); } } }),
      series: methods.map(function (m) {
        return { name: m.replace(/_/g, ' '), type: 'bar', data: bands.map(function (b) {
          var r = rows.filter(function (x) { return x.band === b && x.method === m; })[0];
          return r ? r.wape : null;
        }) };
      })
    });
    table('table-accuracy', ['pair', 'periods', 'horizon', 'method', 'origins', 'scored', 'WAPE', 'MASE', 'bias',
      '80% coverage'], a.rows.map(function (r) {
      return [r.pair, r.grain, r.band, r.method.replace(/_/g, ' '), r.origins, r.periods, pct(r.wape),
        r.mase === null ? '–' : r.mase.toFixed(2), pct(r.bias), pct(r.coverage)];
    }));
    text('reading-accuracy', a.reading);
  }

  // Health ------------------------------------------------------------------------------------------------
  function health(h) {
    chart('chart-ingest', {
      title: title('Raw records per run date: written, duplicates dropped, quarantined'),
      legend: { top: 24, left: 0 }, tooltip: { trigger: 'axis' }, grid: { top: 70, bottom: 50, left: 60, right: 10 },
      xAxis: axis('category', 'run date', { data: h.ingest.map(function (d) { return d.runDate; }) }),
      yAxis: axis('value', 'raw records'),
      series: [
        { name: 'written as events', type: 'bar', stack: 'raw', data: h.ingest.map(function (d) { return d.written; }) },
        { name: 'duplicates dropped', type: 'bar', stack: 'raw', data: h.ingest.map(function (d) { return d.duplicates; }) },
        { name: 'quarantined', type: 'bar', stack: 'raw', itemStyle: { color: '#ee6666' },
          data: h.ingest.map(function (d) { return d.quarantined; }) }]
    });
    chart('chart-quarantine', {
      title: title('Quarantined records by reason, all run dates',
        h.quarantineReasons.length ? '' : 'No record was quarantined.'),
      tooltip: {}, grid: { top: 64, bottom: 50, left: 170, right: 40 },
      xAxis: axis('value', 'records'),
      yAxis: axis('category', 'reason', { data: h.quarantineReasons.map(function (r) { return r.label; }), inverse: true,
        nameLocation: 'start' }),
      series: [{ name: 'records', type: 'bar', itemStyle: { color: '#ee6666' }, label: { show: true, position: 'right' },
        data: h.quarantineReasons.map(function (r) { return r.count; }) }]
    });
    text('reading-health', h.reading);
    var runColumns = ['job', 'run date', 'status', 'started (UTC)', 'seconds', 'read', 'written', 'duplicates',
      'quarantined'];
    function runRow(r) {
      return [r.job, r.runDate, r.status, r.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''), r.seconds.toFixed(1),
        r.read, r.written, r.duplicates, r.quarantined];
    }
    if (h.failed.length) {
      table('table-failed', runColumns.concat(['error']), h.failed.map(function (r) {
        return runRow(r).concat([{ v: r.error, cls: 'error' }]);
      }));
    } else {
      el('table-failed').outerHTML = '<p class="note">No attempt failed or died.</p>';
    }
    table('table-runs', runColumns, h.runs.map(runRow));
  }

  if (!data.headline.missing) { headline(data.headline); }
  if (!data.funnel.missing) { funnel(data.funnel); }
  if (!data.population.missing) { population(data.population); }
  if (!data.cohorts.missing) { cohorts(data.cohorts); }
  if (!data.forecast.missing) { forecast(data.forecast); }
  if (!data.forecast.accuracy.missing) { accuracy(data.forecast.accuracy); }
  if (!data.health.missing) { health(data.health); }
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (id) { charts[id].resize(); });
  });
}());
