// tnl — progressive enhancement: autosave each answer as it changes, and
// show or hide conditional questions. Everything works without it.
(function () {
  "use strict";

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  // Current form values of one question (its key, or its rows for a group).
  function valuesOf(form, key) {
    var data = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.type === "file") return;
      if (el.name !== key && el.name.indexOf(key + ".") !== 0) return;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      data.append(el.name, el.value);
    });
    return data;
  }

  function updateVisibility(form) {
    var blocks = form.querySelectorAll(".question[data-show-if]");
    Array.prototype.forEach.call(blocks, function (block) {
      var key = block.getAttribute("data-show-if");
      var wanted = JSON.parse(block.getAttribute("data-show-values") || "[]");
      var current = valuesOf(form, key).getAll(key);
      var show = current.some(function (v) { return wanted.indexOf("*") >= 0 ? v !== "" : wanted.indexOf(v) >= 0; });
      block.hidden = !show;
    });
  }

  // setStatus shows the outcome of a save under the question; an error
  // marks its fields aria-invalid and links them to the message.
  function setStatus(block, text, isError) {
    var status = block.querySelector(".save-status");
    if (!status) return;
    status.textContent = text;
    status.style.color = isError ? "#a8071a" : "";
    var fields = block.querySelectorAll("input:not([type=hidden]), textarea, select");
    Array.prototype.forEach.call(fields, function (el) {
      var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (id) { return id && id !== status.id; });
      if (isError) {
        el.setAttribute("aria-invalid", "true");
        if (status.id) ids.push(status.id);
      } else if (!block.querySelector(".field-error")) {
        el.removeAttribute("aria-invalid");
      }
      if (ids.length) el.setAttribute("aria-describedby", ids.join(" ")); else el.removeAttribute("aria-describedby");
    });
  }

  // failureText is what to say when the server answered an error without
  // a JSON body (a proxy's page, for instance).
  function failureText(status) {
    switch (status) {
      case 401: return "Votre session a expiré : reconnectez-vous dans un autre onglet, puis modifiez de nouveau cette réponse ou utilisez le bouton « Enregistrer ».";
      case 403: return "Le formulaire a expiré : rechargez la page (votre saisie de cette question est à recopier).";
      case 413: return "Cette réponse est trop longue pour être enregistrée : raccourcissez-la.";
    }
    return "Enregistrement impossible (erreur " + status + ") : utilisez le bouton « Enregistrer ».";
  }

  function save(form, block) {
    var key = block.getAttribute("data-key");
    var versionInput = form.querySelector('input[name="v.' + key + '"]');
    var body = valuesOf(form, key);
    body.append("version", versionInput ? versionInput.value : "0");
    setStatus(block, "Enregistrement…", false);
    fetch(form.getAttribute("data-autosave") + encodeURIComponent(key), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf(), "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    }).then(function (resp) {
      return resp.json().then(function (json) { return { ok: resp.ok, status: resp.status, json: json }; },
        function () { return { ok: false, status: resp.status, json: { error: { message: failureText(resp.status) } } }; });
    }).then(function (res) {
      if (res.ok) {
        if (versionInput) versionInput.value = res.json.version;
        setStatus(block, "Enregistré (" + res.json.saved_at + ").", false);
        return;
      }
      var err = res.json.error || {};
      if (res.status === 409 && err.current) {
        if (versionInput) versionInput.value = err.current.version || 0;
        setStatus(block, err.message || "Réponse modifiée entre-temps.", true);
        offerChoice(form, block, err.current);
        return;
      }
      var text = err.message || failureText(res.status);
      if (err.fields && err.fields[key] && err.fields[key] !== err.message) text = err.fields[key];
      setStatus(block, text, true);
    }).catch(function () {
      setStatus(block, "Connexion perdue : votre réponse n’est pas encore enregistrée. Utilisez le bouton « Enregistrer ».", true);
    });
  }

  // After a conflict the person chooses: keep what they typed (saved again
  // over the stored version) or take the stored value back.
  function offerChoice(form, block, current) {
    var old = block.querySelector(".conflict-choice");
    if (old) old.remove();
    var p = document.createElement("p");
    p.className = "conflict-choice";
    var keep = document.createElement("button");
    keep.type = "button";
    keep.textContent = "Garder ma saisie";
    keep.addEventListener("click", function () { p.remove(); save(form, block); });
    var take = document.createElement("button");
    take.type = "button";
    take.className = "secondary";
    take.textContent = "Reprendre la valeur enregistrée";
    take.addEventListener("click", function () {
      var inputs = block.querySelectorAll("input:not([type=hidden]):not([type=file]), textarea, select");
      var v = current.value;
      if (inputs.length === 1 && inputs[0].type !== "checkbox" && inputs[0].type !== "radio" && (v === null || typeof v !== "object")) {
        inputs[0].value = v === null ? "" : String(v);
        p.remove();
        setStatus(block, "Valeur enregistrée reprise.", false);
        return;
      }
      window.location.reload();
    });
    p.appendChild(keep);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(take);
    var status = block.querySelector(".save-status");
    block.insertBefore(p, status ? status.nextSibling : null);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.questionnaire[data-autosave]");
    if (!form) return;
    updateVisibility(form);
    var timers = {};
    form.addEventListener("change", function (ev) {
      updateVisibility(form);
      var block = ev.target.closest(".question[data-key]");
      if (!block || ev.target.type === "file" || ev.target.readOnly || ev.target.disabled) return;
      var key = block.getAttribute("data-key");
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () { save(form, block); }, 300);
    });
  });

  // A juror's evaluation: the whole grid is saved as a draft a moment after
  // each change; the draft version the server returns guards against a
  // second tab.
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-evaluation-autosave]");
    if (!form) return;
    var status = form.querySelector(".save-status");
    var version = form.querySelector('input[name="draft_version"]');
    var timer = null, busy = false, again = false;
    function say(text, isError) {
      if (!status) return;
      status.textContent = text;
      status.style.color = isError ? "#a8071a" : "";
    }
    function saveDraft() {
      // One save at a time, each with the draft version the previous one
      // returned.
      if (busy) { again = true; return; }
      busy = true;
      form.setAttribute("data-state", "saving");
      var body = new URLSearchParams(new FormData(form));
      say("Enregistrement…", false);
      fetch(form.getAttribute("data-evaluation-autosave"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRF-Token": csrf(), "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
        body: body.toString()
      }).then(function (resp) {
        return resp.json().then(function (json) { return { ok: resp.ok, json: json }; });
      }).then(function (res) {
        busy = false;
        if (res.ok) {
          if (version) version.value = res.json.draft_version;
          say("Brouillon enregistré (" + res.json.saved_at + ").", false);
          form.setAttribute("data-state", again ? "saving" : "saved");
        } else {
          var err = res.json.error || {};
          say(err.message || "Enregistrement impossible.", true);
          form.setAttribute("data-state", "error");
        }
        if (again) { again = false; saveDraft(); }
      }).catch(function () {
        busy = false;
        form.setAttribute("data-state", "error");
        say("Connexion perdue : votre brouillon n’est pas encore enregistré. Utilisez le bouton « Enregistrer le brouillon ».", true);
      });
    }
    function later() {
      clearTimeout(timer);
      timer = setTimeout(saveDraft, 800);
    }
    form.addEventListener("change", later);
    form.addEventListener("input", function (ev) { if (ev.target.tagName === "TEXTAREA") later(); });
  });
})();

// A choice whose options carry a template (a motivation per level) starts
// the text field it fills: while that field is empty or still holds the
// template of another option, choosing an option puts its template there.
// Without JavaScript the field stays as it is, and the templates are listed
// under the form.
(function () {
  "use strict";
  document.querySelectorAll("select[data-fills]").forEach(function (sel) {
    var target = document.getElementById(sel.getAttribute("data-fills"));
    if (!target) return;
    var templates = [];
    sel.querySelectorAll("option[data-template]").forEach(function (o) { templates.push(o.getAttribute("data-template")); });
    sel.addEventListener("change", function () {
      var opt = sel.options[sel.selectedIndex];
      var tpl = opt && opt.getAttribute("data-template");
      var cur = target.value.trim();
      if (tpl && (cur === "" || templates.indexOf(cur) >= 0)) target.value = tpl;
    });
  });
})();
