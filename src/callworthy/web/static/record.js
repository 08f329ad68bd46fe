/* Rehearse out loud on the Check page: record a take with the browser's MediaRecorder,
   send it to be transcribed and critiqued with its real timing, and keep the last three
   takes side by side (audio and card) in this tab's sessionStorage. No inline script:
   the CSP forbids it; the page works without this file (upload a recording instead). */
(function () {
  "use strict";
  var KEEP = 3;
  var STORE = "callworthy-takes";

  function $(id) { return document.getElementById(id); }

  function csrf() {
    var field = document.querySelector("#check-form input[name=csrf_token]");
    return field ? field.value : "";
  }

  function saved() {
    try { return JSON.parse(sessionStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }

  function save(takes) {
    try { sessionStorage.setItem(STORE, JSON.stringify(takes)); } catch (e) { /* full: keep on screen only */ }
  }

  /* Draw the kept takes, newest first, each with its audio player. */
  function draw(takes) {
    var box = $("takes");
    box.innerHTML = "";
    takes.forEach(function (take, index) {
      var holder = document.createElement("div");
      holder.innerHTML = take.card;
      var card = holder.firstElementChild;
      if (!card) return;
      card.querySelector(".take-name").textContent = index === 0 ? "Latest take" : "Take " + (takes.length - index);
      var audio = document.createElement("audio");
      audio.controls = true;
      audio.src = take.audio;
      audio.setAttribute("aria-label", "Listen to " + card.querySelector(".take-name").textContent.toLowerCase());
      card.appendChild(audio);
      box.appendChild(card);
    });
    $("takes-clear-box").hidden = takes.length === 0;
  }

  function asDataUrl(blob) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(reader.result); };
      reader.onerror = reject;
      reader.readAsDataURL(blob);
    });
  }

  function say(text, urgent) {
    var status = $("record-status");
    status.textContent = text;
    status.setAttribute("role", urgent ? "alert" : "status");
  }

  /* Send one take; show its critique in the panel and keep its card. */
  function send(blob, button) {
    var body = new FormData();
    body.append("csrf_token", csrf());
    var phone = document.querySelector("#recording-form input[name=rep_phone]");
    if (phone && phone.value) body.append("rep_phone", phone.value);
    body.append("file", blob, "take.webm");
    say("Transcribing and scoring your take…");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    var endpoint = $("rehearse").getAttribute("data-endpoint");
    return fetch(endpoint, { method: "POST", body: body, credentials: "same-origin",
                             headers: { "X-CSRF-Token": csrf() } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var error = doc.getElementById("take-error");
        if (error) { say(error.textContent, true); return; }
        var template = doc.getElementById("take-card");
        $("critique").innerHTML = doc.getElementById("take-critique").innerHTML;
        $("script").value = doc.getElementById("take-transcript").value;
        return asDataUrl(blob).then(function (audio) {
          var takes = [{ card: template.innerHTML.trim(), audio: audio }].concat(saved()).slice(0, KEEP);
          save(takes);
          draw(takes);
          say("Scored: the transcript is in the editor, the critique beside it, and the take below.");
        });
      })
      .catch(function () { say("The take could not be sent: check your connection and try again.", true); })
      .then(function () { button.disabled = false; button.removeAttribute("aria-busy"); });
  }

  function setUp() {
    var button = $("record");
    if (!button) return;
    draw(saved());
    $("takes-clear").addEventListener("click", function () { save([]); draw([]); });
    if (!navigator.mediaDevices || !window.MediaRecorder) {
      say("This browser cannot record here: upload a recording instead.");
      return;
    }
    button.hidden = false;
    var recorder = null;
    var chunks = [];
    var started = 0;
    var ticker = null;
    var label = button.querySelector(".record-label");
    button.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") { recorder.stop(); return; }
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (e) { if (e.data.size) chunks.push(e.data); };
        recorder.onstop = function () {
          clearInterval(ticker);
          stream.getTracks().forEach(function (t) { t.stop(); });
          document.getElementById("record-box").classList.remove("on");
          label.textContent = "Record another take";
          button.setAttribute("aria-pressed", "false");
          send(new Blob(chunks, { type: recorder.mimeType || "audio/webm" }), button);
        };
        recorder.start(250);
        started = Date.now();
        document.getElementById("record-box").classList.add("on");
        label.textContent = "Stop and score";
        button.setAttribute("aria-pressed", "true");
        say("Recording… speak as you would on their voicemail.");
        ticker = setInterval(function () {
          var s = Math.round((Date.now() - started) / 1000);
          say("Recording… " + s + " s");
        }, 1000);
      }).catch(function () {
        say("No microphone could be used: allow it for this site, or upload a recording.", true);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
