(function () {
  "use strict";
  var desk = document.querySelector(".desk");
  var form = document.getElementById("check-form");
  var text = document.getElementById("article");
  var file = document.getElementById("file");
  var format = document.getElementById("format");
  var published = document.getElementById("published");
  var button = document.getElementById("check");
  var progress = document.getElementById("progress");
  var bar = document.getElementById("bar");
  var error = document.getElementById("error");
  var result = document.getElementById("result");
  var frame = document.getElementById("report");
  var source = null;
  var maxBytes = parseInt(desk.getAttribute("data-max-bytes"), 10);

  function state(name) { desk.setAttribute("data-state", name); button.disabled = name === "running"; }
  function fail(message) {
    error.textContent = message;
    error.hidden = false;
    progress.hidden = true;
    state("error");
  }
  function show(job) {
    document.getElementById("stage").textContent = job.stage;
    var counted = job.total > 1;
    document.getElementById("counts").textContent = counted ? job.done + " / " + job.total : "";
    document.getElementById("elapsed").textContent = "(" + job.elapsed.toFixed(1) + " s)";
    if (counted) { bar.max = job.total; bar.value = job.done; } else { bar.removeAttribute("value"); }
  }
  function finished(job) {
    var s = job.summary;
    document.getElementById("summary").textContent = s.claims + " claims: " + s.SUPPORTED + " supported, " +
      s.REFUTED + " refuted, " + s.NOT_ENOUGH_INFO + " not enough information.";
    document.getElementById("open-report").href = job.links.html;
    document.getElementById("download-html").href = job.links.html;
    document.getElementById("download-json").href = job.links.json;
    frame.onload = function () { state("done"); };
    frame.src = job.links.html;
    progress.hidden = true;
    result.hidden = false;
  }
  function detail(response) {
    return response.json().then(function (body) { return body.detail || response.statusText; },
      function () { return response.status + " " + response.statusText; });
  }
  function poll(id) {
    fetch("/api/jobs/" + encodeURIComponent(id)).then(function (response) {
      if (!response.ok) { return detail(response).then(fail); }
      return response.json().then(function (job) {
        show(job);
        if (job.status === "done") { finished(job); }
        else if (job.status === "error") { fail(job.error); }
        else { setTimeout(function () { poll(id); }, 250); }
      });
    }, function () { fail("the server did not answer; is factcheck serve still running?"); });
  }
  file.addEventListener("change", function () {
    var chosen = file.files && file.files[0];
    if (!chosen) { return; }
    var reader = new FileReader();
    reader.onload = function () {
      text.value = reader.result;
      source = chosen.name;
      var lower = chosen.name.toLowerCase();
      format.value = /\.html?$/.test(lower) ? "html" : /\.(md|markdown)$/.test(lower) ? "markdown" : "auto";
      document.getElementById("file-name").textContent = "Loaded " + chosen.name + " (" + reader.result.length + " characters).";
    };
    reader.onerror = function () { fail("could not read " + chosen.name + " as text"); };
    reader.readAsText(chosen);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.hidden = true;
    result.hidden = true;
    var body = { text: text.value, format: format.value };
    if (published.value) { body.published = published.value; }
    if (source) { body.source = source; }
    var payload = JSON.stringify(body);
    if (new Blob([payload]).size > maxBytes) { fail("the article is over the server's limit of " + maxBytes + " bytes"); return; }
    state("running");
    progress.hidden = false;
    show({ stage: "sending", done: 0, total: 0, elapsed: 0 });
    fetch("/api/jobs", { method: "POST", headers: { "Content-Type": "application/json" }, body: payload })
      .then(function (response) {
        if (!response.ok) { return detail(response).then(fail); }
        return response.json().then(function (job) { poll(job.id); });
      }, function () { fail("the server did not answer; is factcheck serve still running?"); });
  });
  text.addEventListener("input", function () { source = null; });
})();
