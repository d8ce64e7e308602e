// Fengqiao's review desk: sign in, work through the queue of uncertain matches, decide.
//
// Plain script, no framework and nothing from outside this server. The token lives in
// this closure only (never in storage or cookies). Every call says why it is made
// (X-Purpose), and the server audits each one.
(function () {
  "use strict";

  const PURPOSE = "review of uncertain matches";
  const SVG = "http://www.w3.org/2000/svg";
  const $ = (id) => document.getElementById(id);
  let token = null;
  let items = [];
  let current = null; // the queue item shown
  let view = null; // its pair view

  async function call(path, body) {
    const response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        Authorization: `Bearer ${token}`,
        "X-Purpose": PURPOSE,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
    const data = await response.json();
    if (!response.ok) {
      const error = new Error(data.error || `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function say(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  // --- sign-in ---------------------------------------------------------------------

  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    token = $("token").value.trim();
    const problem = $("sign-in-error");
    try {
      const me = await call("/review/api/me");
      $("sign-in-page").remove();
      $("desk").hidden = false;
      $("who").textContent = `${me.user} (${me.role})`;
      await refresh();
    } catch (error) {
      token = null;
      problem.textContent =
        error.status === 403
          ? `Refused: ${error.message} Ask for an integrator token.`
          : "That token was not accepted: check it, or ask for a new one.";
      problem.hidden = false;
    }
  });

  $("sign-out").addEventListener("click", () => window.location.reload());

  // --- the queue -------------------------------------------------------------------

  function filters() {
    const params = new URLSearchParams();
    for (const [id, name] of [
      ["f-district", "district"],
      ["f-source", "source"],
      ["f-min", "minScore"],
      ["f-max", "maxScore"],
    ]) {
      if ($(id).value) params.set(name, $(id).value);
    }
    return params.toString();
  }

  async function refresh() {
    const found = await call(`/review/api/queue?${filters()}`);
    items = found.items;
    const p = found.progress;
    $("progress").textContent =
      `Reviewed today ${p.reviewedToday} · left ${p.left}` + (p.skipped ? ` · skipped ${p.skipped}` : "");
    $("btn-undo").disabled = !p.canUndo;
    const list = $("queue");
    list.replaceChildren(
      ...items.map((item, index) =>
        el(
          "li",
          { class: current && current.id === item.id ? "chosen" : "" },
          el(
            "button",
            { type: "button", "data-index": String(index), onclick: () => openPair(item) },
            el("span", { class: "kind" }, item.kind === "candidate" ? "candidate" : "merged"),
            ` score ${item.score.toFixed(2)} · impact ${item.impact}`,
            el(
              "small",
              {},
              `${item.incidents} incidents, ${item.disputes} disputes, ${item.networks} networks`,
              item.districts.length ? ` · ${item.districts.join(", ")}` : "",
            ),
          ),
        ),
      ),
    );
    if (!items.length) {
      current = null;
      view = null;
      $("pair").replaceChildren(el("p", { class: "empty" }, "Nothing left in the queue."));
      setButtons();
      return;
    }
    if (!current || !items.some((i) => i.id === current.id)) await openPair(items[0]);
  }

  $("filters").addEventListener("submit", async (event) => {
    event.preventDefault();
    current = null;
    await refresh();
  });

  // --- the pair view ---------------------------------------------------------------

  async function openPair(item) {
    current = item;
    for (const li of $("queue").children) li.className = "";
    const index = items.indexOf(item);
    if (index >= 0) $("queue").children[index].className = "chosen";
    $("pair").replaceChildren(el("p", { class: "empty" }, "Loading the evidence…"));
    const params = new URLSearchParams({ a: item.a, b: item.b });
    view = await call(`/review/api/pair?${params}`);
    render(item, view);
    setButtons();
  }

  const FIELDS = [
    ["name", "Name 姓名"],
    ["nameRaw", "As keyed 原始"],
    ["pinyin", "Pinyin 拼音"],
    ["idNumber", "ID number 身份号码"],
    ["sex", "Sex 性别"],
    ["birthDate", "Born 出生日期"],
    ["phones", "Phones 电话"],
    ["role", "Role 角色"],
    ["incidentId", "Incident 警情"],
    ["caseId", "Case 案件"],
    ["personId", "Person now 当前人员"],
  ];

  function render(item, v) {
    const show = (value) => (Array.isArray(value) ? value.join(" ") || "—" : value ?? "—");
    const records = el(
      "table",
      { id: "records", class: "records" },
      el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, `A  ${v.a.key}`), el("th", {}, `B  ${v.b.key}`))),
      el(
        "tbody",
        {},
        FIELDS.map(([field, label]) =>
          el(
            "tr",
            { class: show(v.a[field]) === show(v.b[field]) ? "same" : "" },
            el("th", {}, label),
            el("td", { id: `a-${field}` }, show(v.a[field])),
            el("td", { id: `b-${field}` }, show(v.b[field])),
          ),
        ),
        el("tr", {}, el("th", {}, "File 文件"), el("td", {}, `${v.a.file}:${v.a.line}`), el("td", {}, `${v.b.file}:${v.b.line}`)),
      ),
    );
    $("pair").replaceChildren(
      el("h2", {}, `${item.kind === "candidate" ? "Review candidate" : "Merged on an uncertain score"}: ${item.reason}`),
      records,
      evidence(v.evidence),
      persons(v),
      preview(v.preview),
    );
  }

  function evidence(e) {
    if (!e) {
      return el("section", { id: "evidence" }, el("p", { class: "error" }, "No model fields for these records in the resolution state."));
    }
    const table = el(
      "table",
      { id: "evidence-table", class: "evidence" },
      el("thead", {}, el("tr", {}, ["Field", "A", "B", "Agreement", "Weight"].map((h) => el("th", {}, h)))),
      el(
        "tbody",
        {},
        e.steps.map((s) =>
          el(
            "tr",
            { class: `level-${s.level}` },
            el("td", {}, s.field),
            el("td", {}, s.a ?? "—"),
            el("td", {}, s.b ?? "—"),
            el("td", { class: "level" }, s.level),
            el("td", { class: s.weight >= 0 ? "pos" : "neg" }, (s.weight >= 0 ? "+" : "") + s.weight.toFixed(2)),
          ),
        ),
      ),
    );
    return el(
      "section",
      { id: "evidence" },
      el("h3", {}, `Evidence: prior ${e.priorScore.toFixed(2)} → final score ${e.score.toFixed(2)} (log-odds ${e.final.toFixed(2)})`),
      waterfall(e),
      table,
    );
  }

  /** Each field's weight as a bar from the running log-odds before it to after it. */
  function waterfall(e) {
    const rows = [{ label: "prior", from: 0, to: e.prior, kind: "prior" }]
      .concat(e.steps.map((s) => ({ label: `${s.field} (${s.level})`, from: s.from, to: s.to, kind: s.weight >= 0 ? "pos" : "neg" })))
      .concat([{ label: `final ${e.score.toFixed(2)}`, from: 0, to: e.final, kind: "final" }]);
    const values = rows.flatMap((r) => [r.from, r.to]);
    const low = Math.min(0, ...values);
    const high = Math.max(0, ...values);
    const left = 170;
    const width = 460;
    const rowHeight = 22;
    const x = (value) => left + ((value - low) / (high - low || 1)) * width;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("id", "waterfall");
    svg.setAttribute("class", "waterfall");
    svg.setAttribute("viewBox", `0 0 ${left + width + 60} ${rows.length * rowHeight + 24}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Waterfall of field weights from prior to final score");
    const add = (tag, attrs, text) => {
      const node = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    add("line", { x1: x(0), x2: x(0), y1: 0, y2: rows.length * rowHeight + 4, class: "axis" });
    add("text", { x: x(0), y: rows.length * rowHeight + 18, class: "tick" }, "0.5");
    rows.forEach((r, i) => {
      const y = i * rowHeight + 4;
      add("text", { x: left - 6, y: y + 14, class: "label" }, r.label);
      const a = x(Math.min(r.from, r.to));
      const w = Math.max(1, Math.abs(x(r.to) - x(r.from)));
      add("rect", { x: a, y, width: w, height: rowHeight - 6, class: `bar ${r.kind}` });
      const delta = r.kind === "prior" || r.kind === "final" ? r.to : r.to - r.from;
      add("text", { x: a + w + 4, y: y + 13, class: "value" }, (delta >= 0 ? "+" : "") + delta.toFixed(2));
      if (i > 0 && i < rows.length - 1) {
        add("line", { x1: x(r.from), x2: x(r.from), y1: y - 6, y2: y, class: "link" });
      }
    });
    return svg;
  }

  function persons(v) {
    return el(
      "section",
      { id: "persons", class: "persons" },
      el("h3", {}, v.samePerson ? "Both records belong to one person" : "The persons they belong to"),
      v.persons.map((p) =>
        el(
          "article",
          { class: "person" },
          el("h4", {}, `${p.name ?? "(no name)"} · ${p.personId}`),
          el("p", {}, `${p.recordCount} records (${p.sources}) · ${p.incidentCount} incidents · ${p.disputes} disputes · networks: ${p.networks.join(", ") || "none"}`),
          el(
            "ul",
            { class: "person-records" },
            p.records.map((r) => el("li", {}, `${r.key} ${r.name ?? ""} ${r.idNumber ?? ""} ${(r.phones || []).join(" ")}`)),
          ),
          el(
            "ul",
            { class: "person-incidents" },
            p.incidents.map((i) => el("li", {}, `${i.reportedAt?.slice(0, 16) ?? ""} ${i.category ?? ""} ${i.id} (${i.role ?? ""}, via ${i.recordKey})`)),
          ),
        ),
      ),
    );
  }

  function preview(p) {
    const part = (title, change) =>
      change
        ? el(
            "div",
            { class: "change" },
            el("h4", {}, title),
            change.text.map((t) => el("p", {}, t)),
            change.networks.length ? el("p", {}, `Networks affected: ${change.networks.join(", ")}`) : null,
          )
        : el("div", { class: "change" }, el("h4", {}, title), el("p", {}, "Not possible: record B is alone in its person."));
    return el(
      "section",
      { id: "preview", class: "preview" },
      el("h3", {}, "What each decision would change"),
      part("Same person", p.same),
      part("Different persons", p.different),
      part("Split B off", p.split),
    );
  }

  // --- decisions -------------------------------------------------------------------

  function setButtons() {
    const ready = Boolean(current && view);
    $("btn-same").disabled = !ready;
    $("btn-different").disabled = !ready;
    $("btn-skip").disabled = !ready;
    $("btn-split").disabled = !ready || !view.preview.split;
  }

  let busy = false;
  async function act(work, done) {
    if (busy) return;
    busy = true;
    try {
      const message = await work();
      $("note").value = "";
      current = null;
      await refresh();
      say(message || done, false);
    } catch (error) {
      say(error.message, true);
    } finally {
      busy = false;
    }
  }

  function decide(decision) {
    if (!current || !view) return;
    const item = current;
    act(async () => {
      await call("/review/api/decide", { decision, a: item.a, b: item.b, note: $("note").value });
      return `Decided ${decision}: ${item.a} / ${item.b}.`;
    });
  }

  function skip() {
    if (!current) return;
    const item = current;
    act(async () => {
      await call("/review/api/skip", { id: item.id });
      return `Skipped ${item.a} / ${item.b}.`;
    });
  }

  function undo() {
    act(async () => {
      const { undone } = await call("/review/api/undo", {});
      return `Undone: ${undone.decision} on ${undone.a} / ${undone.b}.`;
    });
  }

  $("btn-same").addEventListener("click", () => decide("same"));
  $("btn-different").addEventListener("click", () => decide("different"));
  $("btn-split").addEventListener("click", () => decide("split"));
  $("btn-skip").addEventListener("click", skip);
  $("btn-undo").addEventListener("click", undo);

  document.addEventListener("keydown", (event) => {
    if (!token || event.ctrlKey || event.metaKey || event.altKey) return;
    if (["INPUT", "TEXTAREA", "SELECT"].includes(event.target.tagName)) return;
    const key = event.key.toLowerCase();
    const actions = {
      s: () => decide("same"),
      d: () => decide("different"),
      u: skip,
      x: () => !$("btn-split").disabled && decide("split"),
      z: () => !$("btn-undo").disabled && undo(),
    };
    if (actions[key]) {
      event.preventDefault();
      actions[key]();
    }
  });
})();
