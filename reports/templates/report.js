// Filters for the content-audit HTML report. Reads data-* attributes only; never writes markup.
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.add('js');
  var findings = Array.prototype.slice.call(document.querySelectorAll('.finding'));
  var docs = Array.prototype.slice.call(document.querySelectorAll('article.doc'));
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll('input.f-sev'));
  var ruleButtons = Array.prototype.slice.call(document.querySelectorAll('button.f-rule'));
  var allButton = document.querySelector('button.rule-all');
  var counter = document.getElementById('filter-count');

  function selectedRules() {
    var out = {};
    var any = false;
    ruleButtons.forEach(function (b) {
      if (b.getAttribute('aria-pressed') === 'true') { out[b.getAttribute('data-rule')] = true; any = true; }
    });
    return any ? out : null;
  }

  function apply() {
    var sev = {};
    sevBoxes.forEach(function (box) { sev[box.value] = box.checked; });
    var rules = selectedRules();
    var shown = 0;
    findings.forEach(function (li) {
      var ok = sev[li.getAttribute('data-severity')] !== false && (!rules || rules[li.getAttribute('data-rule')] === true);
      li.hidden = !ok;
      if (ok) shown++;
    });
    docs.forEach(function (doc) {
      doc.hidden = !doc.querySelector('.finding:not([hidden])');
    });
    if (allButton) allButton.setAttribute('aria-pressed', rules ? 'false' : 'true');
    if (counter) counter.textContent = String(shown);
  }

  sevBoxes.forEach(function (box) { box.addEventListener('change', apply); });
  ruleButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      apply();
    });
  });
  if (allButton) allButton.addEventListener('click', function () {
    ruleButtons.forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    apply();
  });
  // Stat cards jump to the findings filtered to one severity.
  Array.prototype.slice.call(document.querySelectorAll('[data-jump-severity]')).forEach(function (a) {
    a.addEventListener('click', function () {
      var only = a.getAttribute('data-jump-severity');
      sevBoxes.forEach(function (box) { box.checked = box.value === only; });
      apply();
    });
  });
  // Printing: open collapsed sections so the paper copy is complete.
  window.addEventListener('beforeprint', function () {
    Array.prototype.slice.call(document.querySelectorAll('details:not([open])')).forEach(function (d) {
      d.setAttribute('open', '');
      d.setAttribute('data-print-opened', '');
    });
  });
  window.addEventListener('afterprint', function () {
    Array.prototype.slice.call(document.querySelectorAll('details[data-print-opened]')).forEach(function (d) {
      d.removeAttribute('open');
      d.removeAttribute('data-print-opened');
    });
  });
  // A link to a hidden finding (#f-…) clears the filters so the target is visible.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && (el.hidden || (el.closest && el.closest('[hidden]')))) {
      sevBoxes.forEach(function (box) { box.checked = true; });
      ruleButtons.forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
      apply();
      el.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', reveal);
  apply();
})();
