/* Draws the charts of index.html from the JSON embedded in the page (see ChartData.java). A run's charts are drawn
   when its section is opened, so a long list of runs stays light. body[data-charts-rendered] counts finished charts. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var stormEl = document.getElementById('storm-data');
  var storms = stormEl ? JSON.parse(stormEl.textContent) : [];
  var charts = [];
  var rendered = 0;
  var MiB = 1048576, KiB = 1024;
  var palette = ['#2f6fb3', '#d0602b', '#2e9958', '#9b4fb0', '#c7a21a', '#4aa3b5', '#b5485d', '#6b7b8c'];

  function num(v) { return v === null || v === undefined ? null : v; }
  function scaled(v, f) { return v === null || v === undefined ? null : v / f; }
  function overTime(t, ys, f) { return t.map(function (x, i) { return [x, scaled(ys[i], f || 1)]; }); }
  function xy(xs, ys, fy) {
    var out = [];
    for (var i = 0; i < xs.length; i++) {
      if (xs[i] !== null && ys[i] !== null && xs[i] !== undefined && ys[i] !== undefined) {
        var y = fy ? fy(ys[i], xs[i]) : ys[i];
        if (y !== null && isFinite(y)) { out.push([xs[i], y]); }
      }
    }
    return out;
  }
  function medianStep(t) {
    var d = [];
    for (var i = 1; i < t.length; i++) { d.push(t[i] - t[i - 1]); }
    d.sort(function (a, b) { return a - b; });
    return d.length ? d[Math.floor(d.length / 2)] : 1;
  }
  function gapAreas(d, who) {
    var half = medianStep(d.t) / 2;
    return d.gaps.filter(function (g) { return who.indexOf(g.who) >= 0; }).map(function (g) {
      return [{ xAxis: g.from - half, name: g.who + ' missing' }, { xAxis: g.to + half }];
    });
  }
  function base(xName, yName) {
    return {
      animation: false,
      color: palette,
      grid: { left: 8, right: 16, top: 56, bottom: 28, containLabel: true },
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0, type: 'scroll' },
      xAxis: { type: 'value', name: xName, nameLocation: 'middle', nameGap: 22, scale: true },
      yAxis: { type: 'value', name: yName, nameTextStyle: { align: 'left' } },
      series: []
    };
  }
  function noData(opt, what) {
    var points = opt.series.reduce(function (n, s) { return n + (s.data ? s.data.filter(function (p) { return p && p[1] !== null; }).length : 0); }, 0);
    if (points === 0) {
      opt.graphic = [{ type: 'text', left: 'center', top: 'middle', style: { text: 'no ' + what + ' in this run', fill: '#777', fontSize: 14 } }];
    }
    return opt;
  }

  var builders = {
    nodes: function (d) {
      var o = base('elapsed (s)', 'nodes');
      if (d.live.some(function (v) { return v !== null; })) {
        o.series.push({ name: 'injector live nodes', type: 'line', showSymbol: false, data: overTime(d.t, d.live),
          markArea: { itemStyle: { color: 'rgba(208,96,43,0.12)' }, data: gapAreas(d, ['injector', 'sampler']) } });
      }
      d.servers.forEach(function (s) {
        o.series.push({ name: s.name + ' connections', type: 'line', showSymbol: false, data: overTime(d.t, s.conns),
          markArea: { itemStyle: { color: 'rgba(181,72,93,0.15)' }, label: { show: true, position: 'insideTop', fontSize: 10 },
            data: gapAreas(d, [s.name]) } });
      });
      return noData(o, 'connection figures');
    },
    rss: function (d) {
      var o = base('connections on the server', 'RSS (MiB)');
      o.tooltip = { trigger: 'item', confine: true };
      d.servers.forEach(function (s) {
        o.series.push({ name: s.name, type: 'scatter', symbolSize: 5, data: xy(s.conns, s.mem, function (m) { return m / MiB; }) });
      });
      if (d.memFit) {
        var f = d.memFit;
        o.series.push({ name: 'least-squares fit', type: 'line', showSymbol: false, lineStyle: { type: 'dashed', width: 2 },
          data: [[f.xmin, (f.a + f.b * f.xmin) / MiB], [f.xmax, (f.a + f.b * f.xmax) / MiB]] });
      }
      return noData(o, 'server memory figures');
    },
    cpu: function (d) {
      var o = base('connections on the server', 'CPU (% of one core)');
      o.tooltip = { trigger: 'item', confine: true };
      d.servers.forEach(function (s) {
        o.series.push({ name: s.name, type: 'scatter', symbolSize: 5, data: xy(s.conns, s.cpu) });
      });
      return noData(o, 'server CPU figures');
    },
    memPerConn: function (d) {
      var o = base('connections on the server', 'KiB per connection');
      o.tooltip = { trigger: 'item', confine: true };
      var xmax = 0;
      d.servers.forEach(function (s) {
        var pts = xy(s.conns, s.mem, function (m, c) { return c > 0 ? m / c / KiB : null; });
        pts.forEach(function (p) { xmax = Math.max(xmax, p[0]); });
        o.series.push({ name: s.name + ' RSS / connections', type: 'scatter', symbolSize: 5, data: pts });
      });
      if (d.memFit) {
        var f = d.memFit;
        o.series.push({ name: 'marginal (fit slope)', type: 'line', showSymbol: false, lineStyle: { type: 'dashed', width: 2 },
          data: [[Math.max(1, f.xmin), f.b / KiB], [f.xmax, f.b / KiB]] });
      }
      if (xmax > 0) {
        o.series.push({ name: 'published (300 MB / 10,000)', type: 'line', showSymbol: false, lineStyle: { type: 'dotted', width: 2 },
          data: [[1, d.publishedBytesPerNode / KiB], [xmax, d.publishedBytesPerNode / KiB]] });
      }
      o.yAxis.type = 'log';
      return noData(o, 'memory per connection figures');
    },
    discovery: function (d) {
      var o = base('connected nodes', 'discovery latency (ms)');
      o.tooltip = { trigger: 'item', confine: true };
      o.series.push({ name: 'p50', type: 'scatter', symbolSize: 6, data: xy(d.nodes, d.p50) });
      o.series.push({ name: 'p99', type: 'scatter', symbolSize: 6, data: xy(d.nodes, d.p99) });
      return noData(o, 'discovery figures');
    },
    pressure: function (d) {
      var o = base('elapsed (s)', 'slow consumers');
      o.yAxis = [{ type: 'value', name: 'slow consumers', minInterval: 1 }, { type: 'value', name: 'route pending (KiB)', position: 'right' }];
      d.servers.forEach(function (s) {
        o.series.push({ name: s.name + ' slow consumers', type: 'line', step: 'end', showSymbol: false, data: overTime(d.t, s.slow) });
        o.series.push({ name: s.name + ' route pending', type: 'line', yAxisIndex: 1, showSymbol: false, lineStyle: { type: 'dashed' },
          data: overTime(d.t, s.pending, KiB) });
      });
      return noData(o, 'server figures');
    },
    storms: function () {
      var o = base('nodes on the member taken down', 'all back after (s)');
      o.tooltip = { trigger: 'item', confine: true, formatter: function (p) {
        return p.data[2] + ' ' + p.data[3] + '<br>' + p.data[0].toLocaleString('en') + ' nodes, ' + p.data[1] + ' s'; } };
      var names = [];
      storms.forEach(function (p) { if (names.indexOf(p.series) < 0) { names.push(p.series); } });
      names.forEach(function (n) {
        [false, true].forEach(function (bound) {
          var pts = storms.filter(function (p) { return p.series === n && p.bound === bound; })
            .map(function (p) { return [p.nodes, p.ms / 1000, p.run, p.member]; });
          if (pts.length) {
            o.series.push({ name: n + (bound ? ', injector-bound' : ''), type: 'scatter', symbolSize: 9, data: pts,
              itemStyle: bound ? { color: 'transparent', borderWidth: 2, borderColor: palette[names.indexOf(n) % palette.length] }
                : { color: palette[names.indexOf(n) % palette.length] } });
          }
        });
      });
      o.xAxis.min = 0;
      o.yAxis.min = 0;
      return noData(o, 'storm steps');
    },
    injector: function (d) {
      var o = base('live nodes', 'RSS (MiB)');
      o.tooltip = { trigger: 'item', confine: true };
      o.yAxis = [{ type: 'value', name: 'RSS (MiB)' }, { type: 'value', name: 'CPU (% of one core)', position: 'right' }];
      o.series.push({ name: 'injector RSS', type: 'scatter', symbolSize: 5, data: xy(d.live, d.injRss, function (v) { return v / MiB; }) });
      o.series.push({ name: 'injector CPU', type: 'scatter', symbolSize: 5, yAxisIndex: 1, data: xy(d.live, d.injCpu) });
      return noData(o, 'injector figures');
    }
  };

  function draw(el) {
    if (el.getAttribute('data-drawn')) { return; }
    el.setAttribute('data-drawn', '1');
    var d = el.hasAttribute('data-run') ? data[el.getAttribute('data-run')] : null;
    var build = builders[el.getAttribute('data-chart')];
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    chart.on('finished', function () {
      if (!el.getAttribute('data-rendered')) {
        el.setAttribute('data-rendered', '1');
        rendered++;
        document.body.setAttribute('data-charts-rendered', String(rendered));
      }
    });
    chart.setOption(build(d));
    charts.push(chart);
  }
  function drawRun(details) {
    Array.prototype.forEach.call(details.querySelectorAll('.chart'), draw);
    charts.forEach(function (c) { c.resize(); });
  }
  function openHash() {
    var el = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (el && el.tagName === 'DETAILS') { el.open = true; }
  }
  Array.prototype.forEach.call(document.querySelectorAll('details.run'), function (d) {
    d.addEventListener('toggle', function () { if (d.open) { drawRun(d); } });
  });
  /* Servers for a fleet with N+1 (see CapacitySection.answer: the same sentence). */
  function fmt(n) { return Math.round(n).toLocaleString('en'); }
  function plan(fleet, perServer, label, shares) {
    if (!(perServer >= 1)) { return '\u2013 on the ' + label + ' figure'; }
    var per = Math.floor(perServer);
    var n = Math.ceil(fleet / per) + 1;
    var rolling = -1;
    for (var k = 2; k < shares.length + 2; k++) { if (fleet * shares[k - 2] <= per) { rolling = k; break; } }
    return fmt(n) + ' on the ' + label + ' figure (' + fmt(perServer) + ' per server), '
      + (rolling < 0 ? 'more than ' + (shares.length + 1) : fmt(rolling)) + ' through a rolling restart';
  }
  function planner(form) {
    var input = form.querySelector('input[name=fleet]');
    var out = form.querySelector('output');
    var shares = form.getAttribute('data-rolling-shares').split(',').map(Number);
    function update() {
      var fleet = Math.floor(Number(input.value));
      if (!(fleet >= 1)) { out.textContent = 'Type a fleet size (nodes).'; return; }
      var s = 'Servers for ' + fmt(fleet) + ' nodes with N+1: '
        + plan(fleet, Number(form.getAttribute('data-measured')), form.getAttribute('data-measured-label'), shares);
      var model = Number(form.getAttribute('data-model'));
      if (model > 0) { s += '; ' + plan(fleet, model, form.getAttribute('data-model-label'), shares); }
      out.textContent = s + '.';
    }
    input.addEventListener('input', update);
    update();
  }
  Array.prototype.forEach.call(document.querySelectorAll('form.planner'), planner);
  Array.prototype.forEach.call(document.querySelectorAll('.chart:not([data-run])'), draw);
  window.addEventListener('hashchange', openHash);
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  openHash();
  Array.prototype.forEach.call(document.querySelectorAll('details.run[open]'), drawRun);
})();
