// Buurtstem kiosk page. No framework, no network beyond this server. The pass code lives only in the variable
// `pass` while one voter is busy, and travels only in POST bodies; it is never put in the URL or in storage.
"use strict";

const nlProjects = (n) => n === 1 ? "1 project" : `${n} projecten`;
const enProjects = (n) => n === 1 ? "1 project" : `${n} projects`;

const TEXT = {
  nl: {
    switchLanguage: "English", kioskLabel: "Stemzuil", fingerprintLabel: "Vingerafdruk voorpublicatie", welcomeHeading: "Welkom! Stem met uw stempas",
    codeLabel: "Typ de code van uw stempas",
    codeHint: "De code staat op uw stempas: 27 tekens, bijvoorbeeld 1HA-11P-S4E-…. Kleine letters en streepjes mogen.",
    next: "Verder", keyboardLabel: "Toetsenbord", scan: "QR-code scannen", scanHint: "Houd de QR-code van uw stempas voor de camera.",
    cameraLabel: "Camerabeeld", cancel: "Annuleren", stop: "Stoppen", toConfirm: "Naar controle",
    confirmHeading: "Controleer uw keuze",
    confirmText: "Dit is uw keuze. Klopt het? Na ‘Stem uitbrengen’ kunt u niets meer veranderen.",
    back: "Terug, ik wil iets veranderen", cast: "Stem uitbrengen", restart: "Opnieuw beginnen", receiptHeading: "Uw stem is ontvangen. Dank u wel!",
    trackingLabel: "Uw volgcode", positionLabel: "Stem nummer", timeLabel: "Tijd",
    receiptNoteSecret: "Met de volgcode kunt u na de stemming in het gepubliceerde verslag controleren dat uw stem is meegeteld. De stemming is geheim: het verslag toont daar alleen uw versleutelde stem, niet wat u hebt gekozen.",
    receiptNotePublic: "Met de volgcode kunt u na de stemming in het gepubliceerde verslag controleren dat uw stem is meegeteld. Stemmen zijn openbaar per stempas: het verslag toont bij uw stem ook uw keuzes, dus wie deze volgcode heeft, kan zien wat u koos.",
    receiptCheckAt: (url) => `Controleren kan na de stemming op ${url}: vul daar uw volgcode in, of scan de QR-code.`,
    receiptCheckAsk: "Waar de gemeente de uitslag en het verslag publiceert, hoort u van de medewerker. Schrijf de volgcode op of druk het bewijs af.",
    receiptQR: "QR-code met het adres om uw stem te controleren",
    passNote: "Geef uw stempas aan de medewerker.", print: "Afdrukken", done: "Klaar",
    idleHeading: "Bent u er nog?",
    idleText: (s) => `Er is een tijd niets gebeurd. Over ${s} ${s === 1 ? "seconde" : "seconden"} wordt uw keuze gewist en begint het scherm opnieuw.`,
    idleStay: "Ik ben er nog, ga verder",
    pinHeading: "Medewerker: voer de pincode in", pinLabel: "Pincode", unlock: "Ontgrendelen", pinpadLabel: "Cijfers",
    backToVoting: "Terug naar stemmen", staffHeading: "Medewerker", electionLabel: "Stemming", stateLabel: "Toestand",
    ballotsLabel: "Uitgebrachte stemmen (deze stemzuil)", checkpointLabel: "Laatste checkpoint",
    staffOpen: "Stemzuil openen", staffPause: "Pauzeren", staffCheckpoint: "Checkpoint tekenen",
    staffClose: "Stemzuil sluiten (einde dag)",
    closeConfirmText: "Weet u het zeker? Na sluiten neemt deze stemzuil geen stemmen meer aan. Dit kan niet ongedaan worden.",
    closeYes: "Ja, definitief sluiten", lock: "Vergrendelen en terug naar stemmen", staffButton: "Medewerker",
    backspace: "Wis teken", clear: "Alles wissen", emptyCode: "Typ eerst de code van uw stempas.",
    ballotFor: (area) => `Projecten voor ${area}`,
    ruleChoose: "Kies één project. Tik op een project om het te kiezen.",
    ruleApproval: (min, max) => min === max ? `Kies ${nlProjects(max)}.` : `Kies ${min} tot ${max} projecten. Tik op een project om het te kiezen of niet meer te kiezen.`,
    ruleKnapsack: (budget) => `Kies projecten die samen niet meer kosten dan het budget van ${budget}.`,
    ruleCumulative: (points, cap) => `Verdeel ${points} punten over de projecten die u belangrijk vindt` + (cap ? ` (hoogstens ${cap} per project).` : "."),
    ruleRanking: (max) => `Zet hoogstens ${nlProjects(max)} op volgorde: tik eerst op het project dat u het belangrijkst vindt.`,
    chooseOneNone: "U hebt nog geen project gekozen.", chooseOneDone: (t) => `U hebt gekozen: ${t}.`,
    approvalCount: (n, min, max) => `${n} van hoogstens ${max} gekozen` + (n < min ? ` — kies er nog minstens ${min - n}.` : "."),
    approvalFull: (max) => `U hebt al ${nlProjects(max)} gekozen. Haal er eerst een weg.`,
    knapsackMeter: (used, budget, left) => `Gekozen: ${used} van ${budget}. Nog over: ${left}.`,
    meterBudget: "Budget besteed", meterPoints: "Punten verdeeld",
    knapsackNone: "Kies minstens één project.",
    pointsLeft: (left, total) => `Nog ${left} van ${total} punten te verdelen.`,
    pointsNone: "Geef minstens één project een punt.",
    rankingCount: (n, max) => `${n} van hoogstens ${max} projecten op volgorde gezet.`,
    rankingNone: "Tik op het project dat u het belangrijkst vindt.",
    choose: "Kiezen", chosen: "Gekozen ✓", unfit: "Past niet meer in het budget",
    rank: (r) => `${r}e keus`, addRank: "Op volgorde zetten", removeRank: "Uit de volgorde halen",
    less: "Punt minder", more: "Punt erbij", pointsOf: (t) => `Punten voor ${t}`,
    points: (p) => p === 1 ? "1 punt" : `${p} punten`, cost: "Kosten",
    countdown: (s) => `Dit scherm wordt over ${s} ${s === 1 ? "seconde" : "seconden"} gewist voor de volgende kiezer.`,
    position: (n) => `${n} bij deze stemzuil`,
    states: { open: "Open", notOpen: "Nog niet geopend", closed: "Gesloten", paused: "Gepauzeerd" },
    noCheckpoint: "Nog geen", checkpointText: (size, time) => `${size} ${size === 1 ? "stem" : "stemmen"}, getekend om ${time}`,
    opened: "De stemzuil is open.", paused: "De stemzuil is gepauzeerd.", checkpointed: "Checkpoint getekend.",
    closed: "De stemzuil is gesloten.", network: "De stemzuil reageert niet. Probeer het opnieuw of vraag een medewerker.",
    check: "Controleer deze stem", ballotCodeLabel: "Controlecode van uw versleutelde stem", ballotCodeShort: "Controlecode",
    ballotCodeHint: "Uw keuze is versleuteld. Noteer de code: na het uitbrengen staat dezelfde code op uw bewijs. Wilt u eerst zien dat de stemzuil precies uw keuze versleutelde? Kies ‘Controleer deze stem’: deze stem wordt dan geopend en telt niet mee, en u kiest opnieuw.",
    sealing: "Uw keuze wordt versleuteld…",
    openedHeading: "Deze stem is geopend en telt niet mee",
    openedText: "U vroeg de stemzuil deze versleutelde stem te openen. Hij is niet uitgebracht en telt niet mee; uw stempas is nog niet gebruikt. Klopt wat erin zat met uw keuze, en is de controlecode dezelfde als die u eerst zag?",
    openedChoices: "Wat de versleutelde stem bevatte:",
    openedHow: "U kunt dit zelf nagaan, op een eigen apparaat: scan de QR-code of neem de tekst hieronder over, en controleer die met ‘buurtstem-verify challenge’ en de voorpublicatie van de gemeente. Klopt iets niet? Meld het bij een medewerker. Kies daarna opnieuw en breng uw stem uit.",
    chooseAgain: "Opnieuw kiezen",
  },
  en: {
    switchLanguage: "Nederlands", kioskLabel: "Kiosk", fingerprintLabel: "Pre-publication fingerprint", welcomeHeading: "Welcome! Vote with your voting pass",
    codeLabel: "Type the code on your voting pass",
    codeHint: "The code is on your voting pass (stempas): 27 characters, for example 1HA-11P-S4E-…. Lower case and hyphens are fine.",
    next: "Next", keyboardLabel: "Keyboard", scan: "Scan QR code", scanHint: "Hold the QR code of your voting pass in front of the camera.",
    cameraLabel: "Camera image", cancel: "Cancel", stop: "Stop", toConfirm: "Check my choice",
    confirmHeading: "Check your choice",
    confirmText: "This is your choice. Is it right? After ‘Cast my vote’ you cannot change anything.",
    back: "Back, I want to change something", cast: "Cast my vote", restart: "Start again", receiptHeading: "Your vote was received. Thank you!",
    trackingLabel: "Your tracking code", positionLabel: "Vote number", timeLabel: "Time",
    receiptNoteSecret: "After the election you can check with the tracking code, in the published record, that your vote was counted. The ballot is secret: the record shows only your encrypted vote there, not what you chose.",
    receiptNotePublic: "After the election you can check with the tracking code, in the published record, that your vote was counted. Votes are public per pass: the record shows your choices with your vote, so whoever has this tracking code can see what you chose.",
    receiptCheckAt: (url) => `After the election, check at ${url}: enter your tracking code there, or scan the QR code.`,
    receiptCheckAsk: "Ask the staff where the gemeente publishes the result and the record. Write down the tracking code or print the receipt.",
    receiptQR: "QR code with the address to check your vote",
    passNote: "Please hand your voting pass to the staff.", print: "Print", done: "Done",
    idleHeading: "Are you still there?",
    idleText: (s) => `Nothing has happened for a while. In ${s} ${s === 1 ? "second" : "seconds"} your choice is cleared and the screen starts again.`,
    idleStay: "I am still here, continue",
    pinHeading: "Staff: enter the PIN", pinLabel: "PIN", unlock: "Unlock", pinpadLabel: "Digits",
    backToVoting: "Back to voting", staffHeading: "Staff", electionLabel: "Election", stateLabel: "State",
    ballotsLabel: "Ballots cast (this kiosk)", checkpointLabel: "Latest checkpoint",
    staffOpen: "Open kiosk", staffPause: "Pause", staffCheckpoint: "Sign checkpoint", staffClose: "Close kiosk (end of day)",
    closeConfirmText: "Are you sure? Once closed, this kiosk accepts no more votes. This cannot be undone.",
    closeYes: "Yes, close for good", lock: "Lock and back to voting", staffButton: "Staff",
    backspace: "Delete character", clear: "Clear all", emptyCode: "First type the code on your voting pass.",
    ballotFor: (area) => `Projects for ${area}`,
    ruleChoose: "Choose one project. Tap a project to choose it.",
    ruleApproval: (min, max) => min === max ? `Choose ${enProjects(max)}.` : `Choose ${min} to ${max} projects. Tap a project to choose it or to unchoose it.`,
    ruleKnapsack: (budget) => `Choose projects that together cost no more than the budget of ${budget}.`,
    ruleCumulative: (points, cap) => `Spread ${points} points over the projects you find important` + (cap ? ` (at most ${cap} per project).` : "."),
    ruleRanking: (max) => `Put at most ${enProjects(max)} in order: tap the project you find most important first.`,
    chooseOneNone: "You have not chosen a project yet.", chooseOneDone: (t) => `You chose: ${t}.`,
    approvalCount: (n, min, max) => `${n} of at most ${max} chosen` + (n < min ? ` — choose at least ${min - n} more.` : "."),
    approvalFull: (max) => `You have already chosen ${enProjects(max)}. Remove one first.`,
    knapsackMeter: (used, budget, left) => `Chosen: ${used} of ${budget}. Left: ${left}.`,
    meterBudget: "Budget spent", meterPoints: "Points given",
    knapsackNone: "Choose at least one project.",
    pointsLeft: (left, total) => `${left} of ${total} points left to give.`,
    pointsNone: "Give at least one project a point.",
    rankingCount: (n, max) => `${n} of at most ${max} projects put in order.`,
    rankingNone: "Tap the project you find most important.",
    choose: "Choose", chosen: "Chosen ✓", unfit: "No longer fits the budget",
    rank: (r) => `choice ${r}`, addRank: "Put in order", removeRank: "Take out of the order",
    less: "One point less", more: "One point more", pointsOf: (t) => `Points for ${t}`,
    points: (p) => p === 1 ? "1 point" : `${p} points`, cost: "Cost",
    countdown: (s) => `This screen is cleared for the next voter in ${s} ${s === 1 ? "second" : "seconds"}.`,
    position: (n) => `${n} at this kiosk`,
    states: { open: "Open", notOpen: "Not open yet", closed: "Closed", paused: "Paused" },
    noCheckpoint: "None yet", checkpointText: (size, time) => `${size} ${size === 1 ? "ballot" : "ballots"}, signed at ${time}`,
    opened: "The kiosk is open.", paused: "The kiosk is paused.", checkpointed: "Checkpoint signed.",
    closed: "The kiosk is closed.", network: "The kiosk does not respond. Try again or ask a member of staff.",
    check: "Check this ballot", ballotCodeLabel: "Ballot code of your encrypted vote", ballotCodeShort: "Ballot code",
    ballotCodeHint: "Your choice is encrypted. Note the code: after casting, the same code is on your receipt. Want to see first that the kiosk encrypted exactly your choice? Choose ‘Check this ballot’: this ballot is then opened and does not count, and you choose again.",
    sealing: "Encrypting your choice…",
    openedHeading: "This ballot was opened and does not count",
    openedText: "You asked the kiosk to open this encrypted ballot. It was not cast and does not count; your voting pass has not been used. Does what it held match your choice, and is the ballot code the one you saw first?",
    openedChoices: "What the encrypted ballot held:",
    openedHow: "You can check this yourself, on your own device: scan the QR code or copy the text below, and check it with ‘buurtstem-verify challenge’ and the gemeente's pre-publication. Something wrong? Tell a member of staff. Then choose again and cast your vote.",
    chooseAgain: "Choose again",
  },
};

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
let lang = "nl";
let csrf = null;
let settings = null;
let pass = "";            // the current voter's pass code, only while they vote
let ballot = null;        // the ballot of the current pass
let choice = new Map();   // project id -> value (1 for marks, points, or rank)
let receipt = null;
let sealed = null;        // a secret election's review step: { handle, ballotCode } of the encryption shown
let opened = null;        // the ballot the kiosk opened at the voter's request ("Controleer deze stem")
let staffStatus = null;
let shown = {};           // element id -> message object currently shown, re-rendered on a language switch
let idleTimer = null, idleCountdown = null, receiptTimer = null, statusTimer = null, scanStream = null;
let votingOpen = true;    // whether the kiosk takes a pass now (from /api/status)

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => { const v = TEXT[lang][key]; return typeof v === "function" ? v(...args) : v; };
const euro = (cents) => new Intl.NumberFormat(lang === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR" }).format(cents / 100);

// ---- server --------------------------------------------------------------------------------------------------
async function newSession() {
  const response = await fetch("/api/session", { cache: "no-store", credentials: "same-origin" });
  const data = await response.json();
  csrf = data.csrfToken;
  settings = data.settings;
}

async function post(path, body, retried = false) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST", cache: "no-store", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf || "" },
      body: JSON.stringify(body || {}),
    });
  } catch (e) {
    return { ok: false, status: 0, data: { error: { code: "network", nl: TEXT.nl.network, en: TEXT.en.network } } };
  }
  const data = await response.json().catch(() => ({}));
  if (response.status === 403 && data.error && data.error.code === "session" && !retried) {
    await newSession();
    return post(path, body, true);
  }
  return { ok: response.ok, status: response.status, data };
}

// ---- screens and messages ------------------------------------------------------------------------------------
function show(id) {
  for (const section of document.querySelectorAll(".screen")) section.hidden = section.id !== id;
  $("staff-button").hidden = id === "screen-pin" || id === "screen-staff";
  const heading = $(id).querySelector("h1");
  if (heading) heading.focus();
  window.scrollTo(0, 0);
}

function message(id, value) {
  const element = $(id);
  shown[id] = value || null;
  if (!value) { element.hidden = true; element.textContent = ""; delete element.dataset.code; return; }
  element.textContent = typeof value === "string" ? t(value) : value[lang];
  if (value.code) element.dataset.code = value.code; else delete element.dataset.code;
  element.hidden = false;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll("[data-i18n-label]")) element.setAttribute("aria-label", t(element.dataset.i18nLabel));
  $("language").lang = lang === "nl" ? "en" : "nl";
  for (const [id, value] of Object.entries(shown)) if (value) message(id, value);
  buildKeyboards();
  if (ballot) renderBallot();
  if (!$("screen-confirm").hidden) renderConfirm();
  if (opened) renderOpened();
  if (receipt) renderReceipt();
  if (staffStatus) renderStaff();
}

// ---- welcome: the pass ---------------------------------------------------------------------------------------
// The pass's QR code holds "STEMPAS:CODE". A USB barcode scanner (HID) types exactly that, then Enter; so does a
// camera scan. Whatever comes before a ":" that spells STEMPAS is dropped, as soon as the ":" is typed.
function withoutScannerPrefix(text) {
  const colon = text.indexOf(":");
  if (colon < 0) return text;
  return text.slice(0, colon).replace(/[^0-9A-Z]/gi, "").toUpperCase() === "STEMPAS" ? text.slice(colon + 1) : text;
}

function normalise(text) {
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, "");
  return compact.replace(/(.{3})(?=.)/g, "$1-");
}

function buildKeyboards() {
  const keyboard = $("keyboard");
  keyboard.textContent = "";
  for (const ch of ALPHABET) keyboard.append(key(ch, ch, () => typeKey(ch)));
  keyboard.append(key("⌫", t("backspace"), () => { setCode($("pass-code").value.replace(/[^0-9A-Z]?-?$/i, "")); }, "wide"));
  keyboard.append(key(t("clear"), t("clear"), () => setCode(""), "wide"));
  for (const button of keyboard.querySelectorAll("button")) button.disabled = !votingOpen;
  const pinpad = $("pinpad");
  pinpad.textContent = "";
  for (const d of "123456789") pinpad.append(key(d, d, () => { $("pin").value += d; }));
  pinpad.append(key("⌫", t("backspace"), () => { $("pin").value = $("pin").value.slice(0, -1); }));
  pinpad.append(key("0", "0", () => { $("pin").value += "0"; }));
  pinpad.append(key("✓", t("unlock"), () => $("pin-form").requestSubmit()));
}

function key(label, aria, action, extra) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  if (aria !== label) button.setAttribute("aria-label", aria);
  if (extra) button.className = extra;
  button.addEventListener("click", action);
  return button;
}

function typeKey(ch) {
  if (!votingOpen) return;
  const current = $("pass-code").value.replace(/[^0-9A-Z]/gi, "");
  if (current.length >= 27) return;
  setCode(current + ch);
}

function setCode(value) {
  if (!votingOpen) return;
  const input = $("pass-code");
  input.value = normalise(withoutScannerPrefix(value));
  message("pass-error", null);
}

async function submitPass(event) {
  if (event) event.preventDefault();
  if (!votingOpen) return;
  const code = normalise(withoutScannerPrefix($("pass-code").value.trim()));
  if (!code) { message("pass-error", "emptyCode"); $("pass-code").focus(); return; }
  $("pass-submit").disabled = true;
  const result = await post("/api/pass", { code });
  $("pass-submit").disabled = false;
  if (!result.ok) { message("pass-error", result.data.error); $("pass-code").focus(); return; }
  pass = code;
  ballot = result.data;
  choice = new Map();
  message("pass-error", null);
  message("ballot-error", null);
  renderBallot();
  show("screen-ballot");
}

async function refreshStatus() {
  if ($("screen-welcome").hidden) return;
  const response = await fetch("/api/status", { cache: "no-store", credentials: "same-origin" }).catch(() => null);
  if (!response || !response.ok) return;
  const status = await response.json();
  $("election-title").textContent = status.title;
  // The pre-publication's fingerprint, to compare with the one on the letter and the gemeente's publication.
  $("fingerprint").textContent = status.fingerprint || "";
  $("election-fingerprint").hidden = !status.fingerprint;
  message("status-notice", status.state === "open" ? null : status.message);
  setVotingOpen(status.state === "open");
}

// On the welcome screen a code's characters always go into the code field, wherever the focus is: a USB scanner
// types the whole QR text and Enter, and that Enter must submit the code, not press a button that had the focus.
function typeAnywhere(event) {
  if ($("screen-welcome").hidden || !votingOpen || event.ctrlKey || event.altKey || event.metaKey) return;
  if (event.target === $("pass-code") || event.target.tagName === "INPUT") return;
  if (event.key.length === 1 && /[0-9A-Za-z:-]/.test(event.key)) $("pass-code").focus();
}

// Paused, closed or not open yet: the code field and both ways of typing refuse input at once (the notice says
// why), instead of taking a whole code and refusing it afterwards.
function setVotingOpen(open) {
  votingOpen = open;
  if (!open) $("pass-code").value = "";
  $("pass-code").disabled = !open;
  $("pass-submit").disabled = !open;
  $("scan").disabled = !open;
  for (const button of $("keyboard").querySelectorAll("button")) button.disabled = !open;
}

// ---- QR scanning, where the browser can ---------------------------------------------------------------------
function setUpScanner() {
  const possible = "BarcodeDetector" in window && navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  $("scan").hidden = !possible;
  if (!possible) return;
  $("scan").addEventListener("click", startScan);
  $("scan-cancel").addEventListener("click", stopScan);
}

async function startScan() {
  try {
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    scanStream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" } });
    const video = $("scanner-video");
    video.srcObject = scanStream;
    await video.play();
    $("scanner").hidden = false;
    $("scan-cancel").focus();
    const tick = async () => {
      if (!scanStream) return;
      const codes = await detector.detect(video).catch(() => []);
      const found = codes.map((c) => c.rawValue).find((v) => /^STEMPAS:/i.test(v));
      if (found) { stopScan(); setCode(withoutScannerPrefix(found)); submitPass(); return; }
      setTimeout(tick, 300);
    };
    tick();
  } catch (e) {
    stopScan();
    $("scan").hidden = true;
  }
}

function stopScan() {
  if (scanStream) for (const track of scanStream.getTracks()) track.stop();
  scanStream = null;
  $("scanner").hidden = true;
}

// ---- the ballot ----------------------------------------------------------------------------------------------
function total() { let sum = 0; for (const v of choice.values()) sum += v; return sum; }
function spent() { let sum = 0; for (const p of ballot.projects) if (choice.has(p.id)) sum += p.costCents; return sum; }

function valid() {
  const n = choice.size;
  switch (ballot.type) {
    case "choose-1": return n === 1;
    case "approval": return n >= ballot.min && n <= ballot.max;
    case "knapsack": return n >= 1 && spent() <= ballot.budgetCents;
    case "cumulative": return n >= 1 && total() <= ballot.points;
    case "ranking": return n >= 1 && n <= ballot.max;
  }
  return false;
}

function toggle(project) {
  const id = project.id;
  switch (ballot.type) {
    case "choose-1":
      if (choice.has(id)) choice.clear(); else { choice.clear(); choice.set(id, 1); }
      break;
    case "approval":
      if (choice.has(id)) choice.delete(id);
      else if (choice.size >= ballot.max) {
        message("ballot-error", { code: "approvalFull", nl: TEXT.nl.approvalFull(ballot.max), en: TEXT.en.approvalFull(ballot.max) });
        return rerender(id);
      }
      else choice.set(id, 1);
      break;
    case "knapsack":
      if (choice.has(id)) choice.delete(id);
      else if (spent() + project.costCents <= ballot.budgetCents) choice.set(id, 1);
      break;
    case "ranking":
      if (choice.has(id)) {
        const removed = choice.get(id);
        choice.delete(id);
        for (const [other, r] of choice) if (r > removed) choice.set(other, r - 1);
      } else if (choice.size < ballot.max) choice.set(id, choice.size + 1);
      break;
  }
  message("ballot-error", null);
  rerender(id);
}

function addPoints(project, delta) {
  const current = choice.get(project.id) || 0;
  const next = current + delta;
  if (next < 0) return;
  if (delta > 0 && total() >= ballot.points) return;
  if (delta > 0 && ballot.maxPerProject && next > ballot.maxPerProject) return;
  if (next === 0) choice.delete(project.id); else choice.set(project.id, next);
  rerender(project.id + (delta > 0 ? ":more" : ":less"));
}

function rerender(focusKey) {
  renderBallot();
  if (focusKey) {
    const target = document.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`);
    if (target && !target.disabled) target.focus();
  }
}

function renderBallot() {
  // The election's title is in the top bar; the heading names the area (a Dutch name, marked so).
  const [before, after] = t("ballotFor", "\u0000").split("\u0000");
  const area = document.createElement("span");
  area.lang = "nl";
  area.textContent = ballot.areaName || ballot.area;
  $("ballot-heading").replaceChildren(before, area, after);
  $("ballot-rules").textContent = {
    "choose-1": () => t("ruleChoose"),
    approval: () => t("ruleApproval", ballot.min, ballot.max),
    knapsack: () => t("ruleKnapsack", euro(ballot.budgetCents)),
    cumulative: () => t("ruleCumulative", ballot.points, ballot.maxPerProject),
    ranking: () => t("ruleRanking", ballot.max),
  }[ballot.type]();
  renderFeedback();
  const list = $("projects");
  list.textContent = "";
  for (const project of ballot.projects) list.append(card(project));
  $("ballot-next").disabled = !valid();
}

function renderFeedback() {
  const n = choice.size;
  const meter = $("meter");
  meter.hidden = ballot.type !== "knapsack" && ballot.type !== "cumulative";
  let text = "";
  switch (ballot.type) {
    case "choose-1": {
      const chosen = ballot.projects.find((p) => choice.has(p.id));
      if (chosen) {
        // The project's title is Dutch whatever the screen's language: marked so, for a screen reader.
        const [before, after] = t("chooseOneDone", "\u0000").split("\u0000");
        const title = document.createElement("span");
        title.lang = "nl";
        title.textContent = chosen.title;
        $("feedback-text").replaceChildren(before, title, after);
        return;
      }
      text = t("chooseOneNone");
      break;
    }
    case "approval": text = t("approvalCount", n, ballot.min, ballot.max); break;
    case "knapsack": {
      const used = spent();
      text = n === 0 ? t("knapsackNone") + " " + t("knapsackMeter", euro(0), euro(ballot.budgetCents), euro(ballot.budgetCents))
                     : t("knapsackMeter", euro(used), euro(ballot.budgetCents), euro(ballot.budgetCents - used));
      setMeter(used, ballot.budgetCents, text, t("meterBudget"));
      break;
    }
    case "cumulative": {
      const given = total();
      text = (n === 0 ? t("pointsNone") + " " : "") + t("pointsLeft", ballot.points - given, ballot.points);
      setMeter(given, ballot.points, text, t("meterPoints"));
      break;
    }
    case "ranking": text = n === 0 ? t("rankingNone") : t("rankingCount", n, ballot.max); break;
  }
  $("feedback-text").textContent = text;
}

function setMeter(value, max, text, name) {
  const meter = $("meter");
  meter.setAttribute("role", "meter");
  meter.setAttribute("aria-label", name);
  meter.setAttribute("aria-valuemin", "0");
  meter.setAttribute("aria-valuemax", String(max));
  meter.setAttribute("aria-valuenow", String(value));
  meter.setAttribute("aria-valuetext", text);
  $("meter-fill").style.width = `${Math.min(100, (100 * value) / Math.max(1, max))}%`;
}

function card(project) {
  const item = document.createElement("li");
  item.className = "card" + (choice.has(project.id) ? " selected" : "");
  item.dataset.project = project.id;
  const title = document.createElement("h2");
  title.id = `title-${project.id}`;
  title.lang = "nl";  // the projects' texts are Dutch, also on the English screen
  title.textContent = project.title;
  const description = document.createElement("p");
  description.className = "description";
  description.lang = "nl";
  description.textContent = project.description;
  const cost = document.createElement("p");
  cost.className = "cost";
  cost.textContent = `${t("cost")}: ${euro(project.costCents)}`;
  item.append(title, description, cost);

  if (ballot.type === "cumulative") {
    const value = choice.get(project.id) || 0;
    const row = document.createElement("div");
    row.className = "points";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", t("pointsOf", project.title));
    const less = key("−", `${t("less")}: ${project.title}`, () => addPoints(project, -1), "secondary");
    less.dataset.focusKey = project.id + ":less";
    less.disabled = value === 0;
    const output = document.createElement("output");
    output.textContent = String(value);
    output.setAttribute("aria-live", "polite");
    output.setAttribute("aria-label", `${t("points", value)}: ${project.title}`);
    const more = key("+", `${t("more")}: ${project.title}`, () => addPoints(project, 1), "secondary");
    more.dataset.focusKey = project.id + ":more";
    more.disabled = total() >= ballot.points || (ballot.maxPerProject && value >= ballot.maxPerProject);
    row.append(less, output, more);
    item.append(row);
    return item;
  }

  const button = document.createElement("button");
  button.type = "button";
  button.className = "choose " + (choice.has(project.id) ? "primary" : "secondary");
  button.dataset.focusKey = project.id;
  if (ballot.type === "ranking") {
    const rank = choice.get(project.id);
    button.textContent = rank ? `${t("rank", rank)} — ${t("removeRank")}` : t("addRank");
    button.setAttribute("aria-pressed", rank ? "true" : "false");
    button.disabled = !rank && choice.size >= ballot.max;
  } else {
    const selected = choice.has(project.id);
    button.textContent = selected ? t("chosen") : t("choose");
    button.setAttribute("aria-pressed", selected ? "true" : "false");
    if (ballot.type === "knapsack" && !selected && spent() + project.costCents > ballot.budgetCents) {
      button.disabled = true;
      const unfit = document.createElement("p");
      unfit.className = "unfit";
      unfit.textContent = t("unfit");
      item.append(unfit);
    }
  }
  button.setAttribute("aria-label", `${button.textContent}: ${project.title}`);
  button.addEventListener("click", () => toggle(project));
  item.append(button);
  // A tap anywhere on the card does what its button does (the button stays the control for keyboards).
  item.classList.add("tappable");
  item.addEventListener("click", (event) => {
    if (event.target.closest("button") || button.disabled) return;
    toggle(project);
  });
  return item;
}

function chosenList() {
  const rows = ballot.projects.filter((p) => choice.has(p.id)).map((p) => ({ project: p, value: choice.get(p.id) }));
  if (ballot.type === "ranking") rows.sort((a, b) => a.value - b.value);
  return rows;
}

function renderConfirm() {
  const list = $("confirm-list");
  list.textContent = "";
  for (const { project, value } of chosenList()) {
    const item = document.createElement("li");
    const extra = ballot.type === "cumulative" ? ` — ${t("points", value)}` : ballot.type === "knapsack" ? ` — ${euro(project.costCents)}` : "";
    const title = document.createElement("span");
    title.lang = "nl";
    title.textContent = project.title;
    item.append(title, extra);
    list.append(item);
  }
  renderSealed();
}

// A secret election's review step (the Benaloh challenge): the kiosk encrypts the choice first and shows the
// ballot code; only then can the voter cast exactly that encryption or have it opened to check it.
async function seal() {
  sealed = null;
  renderSealed();
  if (!ballot || !ballot.secret) return;
  const choices = chosenList().map(({ project, value }) => ({ project: project.id, value }));
  const result = await post("/api/seal", { code: pass, choices });
  if (!result.ok) { failed(result); return; }
  sealed = result.data;
  renderSealed();
}

function renderSealed() {
  const secret = !!(ballot && ballot.secret);
  $("confirm-check").hidden = !secret || $("confirm-cast").hidden;
  $("confirm-sealed").hidden = !secret;
  $("ballot-code").textContent = sealed ? sealed.ballotCode : t("sealing");
  // Nothing can be cast or checked before the code is on the screen.
  $("confirm-cast").disabled = secret && !sealed;
  $("confirm-check").disabled = !sealed;
}

// A refusal at the review step: only a ballot the voter can change, or a hiccup, can be tried again; for the rest
// this voter starts over.
function failed(result) {
  message("confirm-error", result.data.error);
  const retry = ["invalidBallot", "network", "internalError", "session", "sealedGone"].includes(result.data.error && result.data.error.code);
  if (!retry) {
    $("confirm-cast").hidden = true;
    $("confirm-check").hidden = true;
    $("confirm-back").hidden = true;
    $("confirm-restart").hidden = false;
    $("confirm-restart").focus();
  }
}

async function challenge() {
  if (!sealed) return;
  const handle = sealed.handle;
  sealed = null;
  renderSealed();
  const result = await post("/api/challenge", { code: pass, sealed: handle });
  if (!result.ok) { failed(result); return; }
  opened = result.data;
  renderOpened();
  show("screen-opened");
}

function renderOpened() {
  $("opened-code").textContent = opened.ballotCode;
  const list = $("opened-list");
  list.textContent = "";
  const titles = new Map(ballot ? ballot.projects.map((p) => [p.id, p.title]) : []);
  const rows = opened.choices.slice();
  if (ballot && ballot.type === "ranking") rows.sort((a, b) => a.value - b.value);
  for (const { project, value } of rows) {
    const item = document.createElement("li");
    const title = document.createElement("span");
    title.lang = "nl";
    title.textContent = titles.get(project) || project;
    item.append(title, ballot && ballot.type === "cumulative" ? ` — ${t("points", value)}` : "");
    list.append(item);
  }
  $("opened-text").textContent = opened.text;
  $("opened-qr").hidden = !opened.qr;
  if (opened.qr) { $("opened-qr").src = opened.qr; $("opened-qr").alt = t("openedHeading"); }
}

async function cast() {
  if (ballot && ballot.secret && !sealed) return;
  $("confirm-cast").disabled = true;
  const choices = chosenList().map(({ project, value }) => ({ project: project.id, value }));
  const body = ballot && ballot.secret ? { code: pass, choices, sealed: sealed.handle } : { code: pass, choices };
  const result = await post("/api/cast", body);
  $("confirm-cast").disabled = false;
  if (!result.ok) {
    failed(result);
    // The sealed ballot was used up by the attempt: a voter who may try again gets a fresh encryption and code.
    if (ballot && ballot.secret && !$("confirm-cast").hidden) await seal();
    return;
  }
  pass = "";
  ballot = null;
  sealed = null;
  choice = new Map();
  $("pass-code").value = "";
  receipt = result.data;
  renderReceipt();
  show("screen-receipt");
  startReceiptCountdown();
}

// ---- receipt -------------------------------------------------------------------------------------------------
function renderReceipt() {
  $("receipt-election").textContent = settings ? settings.title : "";
  $("tracking-code").textContent = receipt.trackingCode;
  $("receipt-kiosk").textContent = receipt.kiosk;
  // The log counts from 0; people count from 1.
  $("receipt-position").textContent = t("position", receipt.sequence + 1);
  // Only a secret election's receipt may say the record does not show the choices (the server marks it encrypted).
  $("receipt-note").textContent = t(receipt.encrypted === true ? "receiptNoteSecret" : "receiptNotePublic");
  const url = settings && settings.checkURL;
  $("receipt-check").textContent = url ? t("receiptCheckAt", url) : t("receiptCheckAsk");
  $("receipt-qr").hidden = !(url && settings.checkQR);
  if (url && settings.checkQR) {
    $("receipt-qr").src = settings.checkQR;
    $("receipt-qr").alt = t("receiptQR");
  }
  $("receipt-time").textContent = new Date(receipt.timeMillis).toLocaleString(lang === "nl" ? "nl-NL" : "en-GB");
  $("receipt-ballot-code-label").hidden = !receipt.ballotCode;
  $("receipt-ballot-code").hidden = !receipt.ballotCode;
  $("receipt-ballot-code").textContent = receipt.ballotCode || "";
}

function startReceiptCountdown() {
  clearInterval(receiptTimer);
  let left = settings ? settings.receiptSeconds : 60;
  $("receipt-countdown").textContent = t("countdown", left);
  receiptTimer = setInterval(() => {
    left -= 1;
    $("receipt-countdown").textContent = t("countdown", Math.max(0, left));
    if (left <= 0) reset();
  }, 1000);
}

// ---- reset for the next voter --------------------------------------------------------------------------------
function reset() {
  clearInterval(receiptTimer);
  clearTimeout(idleTimer);
  hideIdleWarning();
  stopScan();
  pass = ""; ballot = null; choice = new Map(); receipt = null; sealed = null; opened = null;
  $("pass-code").value = "";
  $("pin").value = "";
  for (const id of ["pass-error", "ballot-error", "confirm-error", "pin-error", "staff-error", "staff-message"]) message(id, null);
  $("close-confirm").hidden = true;
  $("confirm-cast").hidden = false;
  $("confirm-cast").disabled = false;
  $("confirm-back").hidden = false;
  $("confirm-restart").hidden = true;
  $("confirm-check").hidden = true;
  $("confirm-sealed").hidden = true;
  staffStatus = null;
  if (lang !== "nl") { lang = "nl"; applyLanguage(); }
  show("screen-welcome");
  refreshStatus();
}

// Any touch or key: a voter is still there. Someone busy (a code typed, a ballot, the staff screens) who stops
// touching gets a warning first (the last third of --idle-seconds, at most 30 s), then the screen resets. On the
// receipt, a touch restarts its countdown, so the tracking code stays up while someone copies it.
function touched() {
  clearTimeout(idleTimer);
  hideIdleWarning();
  if (!$("screen-receipt").hidden) { if (receipt) startReceiptCountdown(); return; }
  const busy = pass || !$("screen-pin").hidden || !$("screen-staff").hidden || $("pass-code").value;
  if (!busy) return;
  const idle = settings ? settings.idleSeconds : 180;
  const warning = Math.min(30, Math.floor(idle / 3));
  idleTimer = setTimeout(() => showIdleWarning(warning), (idle - warning) * 1000);
}

function showIdleWarning(seconds) {
  let left = seconds;
  const render = () => { $("idle-text").textContent = t("idleText", left); };
  render();
  $("idle-warning").hidden = false;
  $("idle-stay").focus();
  idleCountdown = setInterval(() => {
    left -= 1;
    render();
    if (left > 0) return;
    hideIdleWarning();
    if (!$("screen-staff").hidden) post("/api/staff/logout");
    reset();
  }, 1000);
}

function hideIdleWarning() {
  clearInterval(idleCountdown);
  idleCountdown = null;
  if ($("idle-warning").hidden) return;
  $("idle-warning").hidden = true;
  const screen = document.querySelector(".screen:not([hidden]) h1");
  if (screen) screen.focus();
}

// ---- staff ---------------------------------------------------------------------------------------------------
async function submitPin(event) {
  event.preventDefault();
  const result = await post("/api/staff/login", { pin: $("pin").value });
  $("pin").value = "";
  if (!result.ok) { message("pin-error", result.data.error); $("pin").focus(); return; }
  message("pin-error", null);
  await staffAction("status");
  show("screen-staff");
}

async function staffAction(action, done) {
  message("staff-error", null);
  message("staff-message", null);
  const result = await post(`/api/staff/${action}`);
  if (!result.ok) {
    if (result.data.error && result.data.error.code === "staffLocked") { show("screen-pin"); return; }
    message("staff-error", result.data.error);
    return;
  }
  staffStatus = result.data;
  renderStaff();
  if (done) message("staff-message", done);
}

function renderStaff() {
  const s = staffStatus;
  $("staff-election").textContent = `${s.title} (${s.election})`;
  $("staff-kiosk").textContent = s.area ? `${s.kiosk} (${s.areaName || s.area})` : s.kiosk;
  $("staff-state").textContent = t("states")[s.kioskState] || s.kioskState;
  $("staff-state").dataset.state = s.kioskState;
  $("staff-ballots").textContent = String(s.ballots);
  $("staff-checkpoint").textContent = s.lastCheckpoint
    ? t("checkpointText", s.lastCheckpoint.size, new Date(s.lastCheckpoint.timeMillis).toLocaleString(lang === "nl" ? "nl-NL" : "en-GB"))
    : t("noCheckpoint");
  const over = s.kioskClosed || s.electionState === "closed";
  $("staff-open").disabled = over || s.kioskState === "open";
  $("staff-pause").disabled = over || s.paused || s.electionState !== "open";
  $("staff-checkpoint").disabled = s.electionState === "created";
  $("staff-close").disabled = over || s.electionState !== "open";
}

// ---- start ---------------------------------------------------------------------------------------------------
async function start() {
  await newSession();
  $("election-title").textContent = settings.title;
  $("kiosk-name").textContent = settings.kiosk;
  applyLanguage();
  setUpScanner();
  $("pass-form").addEventListener("submit", submitPass);
  $("pass-code").addEventListener("input", () => {
    const input = $("pass-code");
    const formatted = normalise(withoutScannerPrefix(input.value));
    if (formatted !== input.value) input.value = formatted;
    message("pass-error", null);
  });
  $("language").addEventListener("click", () => { lang = lang === "nl" ? "en" : "nl"; applyLanguage(); });
  $("ballot-stop").addEventListener("click", reset);
  $("ballot-next").addEventListener("click", () => { if (!valid()) return; message("confirm-error", null); renderConfirm(); show("screen-confirm"); seal(); });
  $("confirm-back").addEventListener("click", () => { sealed = null; renderBallot(); show("screen-ballot"); });
  $("confirm-cast").addEventListener("click", cast);
  $("confirm-check").addEventListener("click", challenge);
  $("opened-print").addEventListener("click", () => window.print());
  $("opened-again").addEventListener("click", () => { opened = null; message("confirm-error", null); renderBallot(); show("screen-ballot"); });
  $("confirm-restart").addEventListener("click", reset);
  $("receipt-print").addEventListener("click", () => window.print());
  $("receipt-done").addEventListener("click", reset);
  $("staff-button").addEventListener("click", () => { message("pin-error", null); show("screen-pin"); });
  $("idle-stay").addEventListener("click", touched);
  $("pin-back").addEventListener("click", reset);
  $("pin-form").addEventListener("submit", submitPin);
  $("staff-open").addEventListener("click", () => staffAction("open", "opened"));
  $("staff-pause").addEventListener("click", () => staffAction("pause", "paused"));
  $("staff-checkpoint").addEventListener("click", () => staffAction("checkpoint", "checkpointed"));
  $("staff-close").addEventListener("click", () => { $("close-confirm").hidden = false; $("close-no").focus(); });
  $("close-no").addEventListener("click", () => { $("close-confirm").hidden = true; $("staff-close").focus(); });
  $("close-yes").addEventListener("click", async () => { $("close-confirm").hidden = true; await staffAction("close", "closed"); });
  $("staff-lock").addEventListener("click", async () => { await post("/api/staff/logout"); reset(); });
  for (const type of ["pointerdown", "keydown"]) document.addEventListener(type, touched, { capture: true });
  document.addEventListener("keydown", typeAnywhere, { capture: true });
  show("screen-welcome");
  refreshStatus();
  statusTimer = setInterval(refreshStatus, 10000);
}

document.addEventListener("DOMContentLoaded", start);
