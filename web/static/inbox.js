// Rapport's live inbox: server-sent events carry ids only; on each, the
// page fetches the fragment it shows (the server checks what the user may
// see). Forms post JSON to /api/v1. No framework, no CDN.
"use strict";
(function () {
  var conv = document.getElementById("conv");
  var inbox = document.getElementById("inbox");
  var live = (window.rapportLive = { connected: false, events: 0 });

  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) t.textContent = d.toLocaleString(document.documentElement.lang, { dateStyle: "short", timeStyle: "short" });
    });
  }

  // getHTML fetches a fragment. When the open conversation was folded
  // into another (a split mail thread joined), the server redirects its
  // fragments to the one that stayed: the page goes there.
  function getHTML(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      var moved = conv && r.redirected && /\/inbox\/(\d+)\//.exec(new URL(r.url).pathname);
      if (moved && moved[1] !== conv.dataset.conv) {
        location.assign("/inbox/" + moved[1]);
        throw new Error("moved");
      }
      return r.text();
    });
  }

  // refresh reloads what this page shows, at most once at a time.
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    var p = conv ? refreshTimeline() : inbox ? refreshList() : Promise.resolve();
    p.catch(function () {}).then(function () {
      busy = false;
      if (again) { again = false; refresh(); }
    });
  }

  function refreshList() {
    return getHTML("/inbox/list" + location.search).then(function (html) {
      var main = document.getElementById("inbox-main");
      // The ticks for a bulk action outlive the refresh that redraws the list.
      var ticked = Array.prototype.map.call(main.querySelectorAll('input[name="id"]:checked'), function (b) { return b.value; });
      main.innerHTML = html;
      ticked.forEach(function (id) {
        var b = main.querySelector('input[name="id"][value="' + id + '"]');
        if (b) b.checked = true;
      });
      localTimes(main);
    });
  }

  // refreshTimeline merges the timeline: new items are added, changed
  // ones replaced, unchanged ones (and their mail frames) left alone.
  function refreshTimeline() {
    return getHTML("/inbox/" + conv.dataset.conv + "/messages").then(function (html) {
      var list = document.getElementById("timeline");
      var tpl = document.createElement("template");
      tpl.innerHTML = html;
      Array.prototype.forEach.call(tpl.content.querySelectorAll("li[data-item]"), function (li) {
        var old = list.querySelector('li[data-item="' + li.dataset.item + '"]');
        var src = li.outerHTML;
        if (old && old._src === src) return;
        li._src = src;
        localTimes(li);
        if (old) old.replaceWith(li);
        else list.appendChild(li);
      });
    });
  }

  function refreshPresence() {
    if (!conv) return;
    getHTML("/inbox/" + conv.dataset.conv + "/presence").then(function (html) {
      document.getElementById("presence").innerHTML = html;
    }).catch(function () {});
  }

  // connect opens the event stream; the browser reconnects by itself after
  // a network error (retry: 3 s), we do after a refusal, and each reconnect
  // reloads the view so that nothing missed meanwhile stays missing.
  function connect(wait) {
    var es = new EventSource("/events");
    var first = true;
    es.onopen = function () {
      live.connected = true;
      wait = 1000;
      if (!first) refresh();
      first = false;
    };
    es.onerror = function () {
      live.connected = false;
      if (es.readyState === EventSource.CLOSED) {
        setTimeout(function () { connect(Math.min(wait * 2, 60000)); }, wait);
      }
    };
    function on(kind, fn) {
      es.addEventListener(kind, function (e) {
        live.events++;
        var data = {};
        try { data = JSON.parse(e.data); } catch (err) {}
        fn(data);
      });
    }
    ["message.new", "message.updated", "conversation.updated", "conversation.review"].forEach(function (k) {
      on(k, function (d) {
        if (!conv || String(d.conversation_id) === conv.dataset.conv) refresh();
      });
    });
    // The server's link to the other instances came back: events may have
    // been missed, so reload the view.
    on("resync", function () {
      refresh();
      refreshPresence();
    });
    on("presence", function (d) {
      if (conv && String(d.conversation_id) === conv.dataset.conv) refreshPresence();
    });
  }

  function api(method, url, body) {
    return fetch(url, {
      method: method, credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      keepalive: method === "POST" && url.indexOf("/presence") > 0
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) {
        if (!r.ok) throw new Error(errorText(j, r.status));
        return j;
      });
    });
  }

  // errorText is a refusal as the user reads it: in the page's language
  // when the server sent it so (errorBody.Localized), each field named.
  function errorText(j, status) {
    var l = j.localized, fields = l ? l.fields : j.fields, zh = /^zh/.test(document.documentElement.lang);
    var text = (l && l.message) || j.message || String(status);
    var parts = Object.keys(fields || {}).map(function (k) {
      return ((l && l.labels && l.labels[k]) || k) + (zh ? "：" : ": ") + fields[k];
    });
    return parts.length ? text + (zh ? "（" + parts.join("；") + "）" : " (" + parts.join("; ") + ")") : text;
  }

  function addresses(s) {
    return (s || "").split(/[,;，；\s]+/).filter(Boolean).map(function (a) { return { address: a }; });
  }

  function idOrNull(v) { return v ? Number(v) : null; }

  // Each form names what it does; build returns [method, url, body].
  var actions = {
    compose: function (f, sub, id) {
      var text = f.elements.text.value;
      if (sub.value === "note") return ["POST", "/api/v1/conversations/" + id + "/notes", { text: text }];
      var body = { text: text };
      if (f.elements.to) {
        body.to = addresses(f.elements.to.value);
        body.cc = addresses(f.elements.cc.value);
      }
      if (f.elements.mailbox_id) body.mailbox_id = Number(f.elements.mailbox_id.value);
      var tpl = f.elements.template && f.elements.template.value;
      if (tpl) {
        body.template = tpl;
        body.template_values = {};
        f.querySelectorAll('.template-fields[data-template="' + CSS.escape(tpl) + '"] input[data-field]').forEach(function (i) {
          body.template_values[i.dataset.field] = i.value;
        });
      }
      return ["POST", "/api/v1/conversations/" + id + "/reply", body];
    },
    assign: function (f, sub, id) {
      var body = { assignee_id: idOrNull(f.elements.assignee_id.value), team_id: idOrNull(f.elements.team_id.value) };
      if (sub.value === "take") body.assignee_id = Number(document.body.dataset.me);
      return ["PUT", "/api/v1/conversations/" + id + "/assignment", body];
    },
    status: function (f, sub, id) {
      var body = { status: sub.value };
      if (sub.value === "snoozed" && f.elements.until.value) body.snoozed_until = new Date(f.elements.until.value).toISOString();
      return ["PUT", "/api/v1/conversations/" + id + "/status", body];
    },
    labels: function (f, sub, id) {
      return ["PUT", "/api/v1/conversations/" + id + "/labels", { labels: f.elements.labels.value.split(/[,，]/) }];
    },
    canned: function (f) {
      return ["POST", "/api/v1/canned-replies", { title: f.elements.title.value, text: f.elements.text.value }];
    },
    canned_delete: function (f) {
      return ["DELETE", "/api/v1/canned-replies/" + f.dataset.id];
    },
    review: function (f, sub, id) {
      var kind, rid;
      if (sub.value === "relink") { kind = f.elements.kind.value; rid = Number(f.elements.id.value); }
      else { kind = sub.value.split(":")[0]; rid = Number(sub.value.split(":")[1]); }
      var body = {};
      body[kind + "_id"] = rid;
      return ["POST", "/api/v1/conversations/" + id + "/review", body];
    }
  };

  document.addEventListener("submit", function (e) {
    var f = e.target, build = actions[f.dataset.action];
    if (!build) return;
    e.preventDefault();
    var sub = e.submitter || f.querySelector("button[type=submit]");
    var err = f.querySelector(".form-error") || f.parentNode.querySelector(".form-error");
    var req = build(f, sub, f.dataset.conv);
    if (sub) sub.disabled = true;
    api(req[0], req[1], req[2]).then(function () {
      if (err) err.hidden = true;
      if (f.dataset.action === "compose") { f.elements.text.value = ""; refresh(); }
      else location.reload();
    }).catch(function (x) {
      if (err) { err.textContent = x.message; err.hidden = false; }
    }).then(function () {
      var tpl = f.elements.template && f.elements.template.value;
      if (sub && !(sub.id === "send" && document.getElementById("cannot-send") && !tpl)) sub.disabled = false;
    });
  });

  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.name === "canned" && el.value) {
      var t = el.form.elements.text;
      t.value = t.value ? t.value + "\n" + el.value : el.value;
      el.value = "";
      t.focus();
    }
    if (el.name === "template" && el.form && el.form.id === "composer") {
      // Outside WeChat's window a chosen template is what Send sends.
      el.form.querySelectorAll(".template-fields").forEach(function (d) { d.hidden = d.dataset.template !== el.value; });
      document.getElementById("send").disabled = !el.value;
    }
    if (el.name === "reply_all") {
      var cc = el.form.elements.cc;
      cc.value = el.checked ? el.dataset.cc : "";
    }
  });

  // "Show images": the frame's document again, with remote images, still
  // sandboxed without scripts.
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button.show-images");
    if (!b) return;
    getHTML("/inbox/messages/" + b.dataset.msg + "/frame?images=true").then(function (doc) {
      var frame = b.parentNode.querySelector("iframe.mail");
      frame.srcdoc = doc;
      b.hidden = true;
    });
  });

  // Presence: say we are here (and again, so that a closed tab fades out),
  // and when we type; fetch who else is here.
  function present(state) {
    if (!conv) return;
    api("POST", "/api/v1/conversations/" + conv.dataset.conv + "/presence", { state: state })
      .then(function () { refreshPresence(); }).catch(function () {});
  }
  if (conv) {
    present("viewing");
    setInterval(function () { present("viewing"); }, 20000);
    var lastTyping = 0;
    document.addEventListener("input", function (e) {
      if (e.target.name !== "text" || Date.now() - lastTyping < 3000) return;
      lastTyping = Date.now();
      present("typing");
    });
    window.addEventListener("pagehide", function () { present("left"); });
  }

  // Remember each timeline item as the server wrote it, to tell later
  // whether a refreshed copy changed.
  document.querySelectorAll("#timeline li[data-item]").forEach(function (li) { li._src = li.outerHTML; });
  localTimes(document);
  if (window.EventSource && (conv || inbox)) connect(1000);
})();
