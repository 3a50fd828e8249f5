'use strict';
// The FlashSales storefront: plain JavaScript against the gateway's API, nothing loaded from another site.
// The access token lives in sessionStorage only (gone when the tab closes) and travels in the Authorization header,
// never in a URL. Times come from the server's clock, so a wrong laptop clock neither lets anyone in early nor
// holds anyone back.

const $ = (id) => document.getElementById(id);
const session = {
  get token() { return sessionStorage.getItem('flashsales.token'); },
  get refresh() { return sessionStorage.getItem('flashsales.refresh'); },
  get user() { return sessionStorage.getItem('flashsales.user'); },
  keep(user, tokens) {
    sessionStorage.setItem('flashsales.user', user);
    sessionStorage.setItem('flashsales.token', tokens.accessToken);
    sessionStorage.setItem('flashsales.refresh', tokens.refreshToken);
  },
  clear() { sessionStorage.clear(); },
};

const state = {
  clockOffset: 0,          // server time minus this browser's time, in ms
  products: new Map(),     // id -> product view
  cards: new Map(),        // id -> card element
  orders: new Map(),       // id -> order
  payments: new Map(),     // order id -> payment
  checkout: null,          // the order being paid
  waitlists: new Map(),    // product id -> this shopper's place on its waitlist
  expiryAskedFor: null,    // the order read back after its claim ran out
  buyingWaitsUntil: 0,     // after a 429 or 503: no new order before this (server time, ms)
  streams: [],
};

// ---- Talking to the API ----------------------------------------------------------------------------------------

const refusals = {
  sold_out: 'Sorry, this deal is sold out.',
  not_open: 'This sale has not opened yet. The button wakes up when the countdown ends.',
  closed: 'This sale has ended.',
  limit_exceeded: 'You already have as many of this deal as one shopper may buy.',
  request_in_flight: 'Your order is still being placed. One moment…',
  unknown_product: 'This product is no longer on sale.',
  store_unavailable: 'The shop cannot take orders for a moment; nothing was ordered.',
  not_confirmed_in_time: 'Your order could not be confirmed in time. Please try again.',
  busy: 'So many shoppers right now! Please try again.',
  on_sale: 'Units are on sale right now: buy one instead.',
  waitlist_full: 'The waitlist is full, sorry.',
  not_event: 'Only flash deals have a waitlist.',
};

function describe(status, problem, retryAfter) {
  const wait = retryAfter ? ` Try again in ${retryAfter} s.` : '';
  if (status === 0) return 'The shop cannot be reached. Check your connection and try again.';
  if (status === 429) return `Easy there: too many requests at once.${wait || ' Try again in a moment.'}`;
  if (status === 401) return 'Please sign in again.';
  if (status >= 500) return `The shop is very busy right now.${wait || ' Please try again in a moment.'}`;
  const code = problem && problem.code;
  if (code && refusals[code]) return refusals[code] + (status === 503 ? wait : '');
  if (problem && problem.errors) return Object.values(problem.errors).flat().join(' ');
  if (problem && typeof problem.detail === 'string') return problem.detail;
  if (problem && typeof problem.title === 'string') return problem.title + '.';
  return 'That did not work. Please try again.';
}

async function call(method, path, { body, key, refreshed = false } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key) headers['Idempotency-Key'] = key;
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, message: describe(0) };
  }
  if (response.status === 401 && session.refresh && !refreshed && await refreshToken()) {
    return call(method, path, { body, key, refreshed: true });
  }
  let data = null;
  try { data = await response.json(); } catch { /* an empty or non-JSON body */ }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '', 10) || 0;
  return {
    ok: response.ok, status: response.status, data, retryAfter,
    message: response.ok ? '' : describe(response.status, data, retryAfter),
  };
}

async function refreshToken() {
  const response = await fetch('/api/identity/token/refresh', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refresh }),
  }).catch(() => null);
  if (!response || !response.ok) return false;
  session.keep(session.user, await response.json());
  return true;
}

// One key per click: a double click, or the browser retrying, places one order.
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

// ---- Server clock ---------------------------------------------------------------------------------------------

const serverNow = () => Date.now() + state.clockOffset;

async function syncClock() {
  const sent = Date.now();
  const r = await call('GET', '/api/products/clock');
  if (!r.ok) return;
  const received = Date.now();
  state.clockOffset = Date.parse(r.data.utcNow) - (sent + received) / 2;
}

function span(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60); const sec = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

// ---- Messages ---------------------------------------------------------------------------------------------------

function notify(text, ok = false) {
  const notice = $('notice');
  notice.textContent = text;
  notice.classList.toggle('ok', ok);
  notice.hidden = !text;
}

// ---- Products ---------------------------------------------------------------------------------------------------

// Flash deals about to open (soonest first), open now and sold out (newest first), then everyday products.
const shelves = [
  '/api/products?kind=Event&state=upcoming&sort=opensAt&pageSize=12',
  '/api/products?kind=Event&state=open&sort=-opensAt&pageSize=24',
  '/api/products?kind=Event&state=sold-out&sort=-opensAt&pageSize=12',
  '/api/products?kind=Regular&pageSize=24',
];

async function loadProducts() {
  const answers = await Promise.all(shelves.map((path) => call('GET', path)));
  const failed = answers.find((r) => !r.ok);
  if (failed) { notify(failed.message); return; }
  const list = $('products');
  list.replaceChildren();
  state.cards.clear();
  for (const product of answers.flatMap((r) => r.data.items)) {
    if (state.cards.has(product.id)) continue;
    state.products.set(product.id, product);
    const card = $('product-card').content.firstElementChild.cloneNode(true);
    card.dataset.productId = product.id;
    card.querySelector('.name').textContent = product.name;
    card.querySelector('.price').textContent = money(product.price);
    card.querySelector('.tag').hidden = product.kind !== 'Event';
    card.querySelector('.buy').addEventListener('click', (e) => buy(product.id, e.currentTarget));
    card.querySelector('.join').addEventListener('click', (e) => joinWaitlist(product.id, e.currentTarget));
    state.cards.set(product.id, card);
    list.append(card);
    renderProduct(product.id);
    if (product.kind === 'Event' && product.available <= 0) loadWaitlist(product.id);
  }
}

function renderProduct(id) {
  const product = state.products.get(id);
  const card = state.cards.get(id);
  if (!product || !card) return;
  const available = Math.max(0, product.available);
  const offered = product.offered ?? product.stock + product.sold;
  card.querySelector('.stock').textContent = available > 0 ? `${available} of ${offered} left` : 'Sold out';
  const claimed = card.querySelector('.claimed');
  if (product.kind === 'Event' && offered > 0) {
    const share = Math.round(100 * (offered - available) / offered);
    claimed.hidden = false;
    claimed.querySelector('span').style.width = `${share}%`;
    claimed.querySelector('small').textContent = `${share}% claimed`;
  }
  renderCountdown(id);
}

function renderCountdown(id) {
  const product = state.products.get(id);
  const card = state.cards.get(id);
  const countdown = card.querySelector('.countdown');
  const button = card.querySelector('.buy');
  const opensIn = product.opensAt ? Date.parse(product.opensAt) - serverNow() : 0;
  const closed = product.closesAt && Date.parse(product.closesAt) <= serverNow();
  const waiting = state.buyingWaitsUntil - serverNow();
  renderWaitlist(id, opensIn <= 0 && !closed && product.available <= 0);
  countdown.hidden = !(opensIn > 0);
  if (opensIn > 0) countdown.textContent = `Opens in ${span(opensIn)}`;
  if (button.dataset.busy) return;
  button.disabled = opensIn > 0 || closed || product.available <= 0 || waiting > 0;
  button.textContent = closed ? 'Sale ended' : product.available <= 0 ? 'Sold out'
    : opensIn > 0 ? 'Not open yet' : waiting > 0 ? `Wait ${span(waiting)}` : 'Buy';
}

function onStock(update) {
  const product = state.products.get(update.productId);
  if (!product) return;
  const lineMoved = product.waiting !== undefined && product.waiting !== update.waiting;
  product.available = update.available;
  product.offered = update.offered;
  product.waiting = update.waiting;
  renderProduct(update.productId);
  if (lineMoved && state.waitlists.get(update.productId)?.status === 'waiting') loadWaitlist(update.productId);
}

// ---- Waitlist -------------------------------------------------------------------------------------------------

// A sold-out deal whose claims are not all paid yet: a shopper may queue for a unit that comes back.
function renderWaitlist(id, soldOutWhileOpen) {
  const card = state.cards.get(id);
  const place = state.waitlists.get(id);
  const join = card.querySelector('.join');
  const text = card.querySelector('.waitlist');
  const product = state.products.get(id);
  join.hidden = !(product.kind === 'Event' && soldOutWhileOpen && (!place || place.status === 'none'));
  text.hidden = !place || place.status === 'none';
  if (!place) return;
  text.textContent = place.status === 'waiting' ? `You are number ${place.position} of ${place.waiting} on the waitlist.`
    : place.status === 'offered' ? 'Your turn came: a unit was held for you.'
      : place.status === 'passed' ? 'Your turn came while you were at your limit.' : '';
}

async function joinWaitlist(productId, button) {
  button.disabled = true;
  const r = await call('POST', `/api/products/${productId}/waitlist`);
  button.disabled = false;
  if (!r.ok) { notify(r.message); return; }
  state.waitlists.set(productId, r.data);
  notify(`You are on the waitlist, number ${r.data.position}. If a unit comes back, it is offered to you here.`, true);
  renderProduct(productId);
}

async function loadWaitlist(productId) {
  const r = await call('GET', `/api/products/${productId}/waitlist`);
  if (!r.ok) return;
  state.waitlists.set(productId, r.data);
  renderProduct(productId);
}

async function buy(productId, button) {
  if (button.dataset.busy) return;
  button.dataset.busy = 'yes';
  button.disabled = true;
  button.textContent = 'Placing…';
  const r = await call('POST', '/api/orders', { body: { items: [{ productId, quantity: 1 }] }, key: newKey() });
  delete button.dataset.busy;
  if (r.ok) {
    notify('It is yours! Pay before your claim runs out.', true);
    showOrder(r.data);
    openCheckout(r.data.id);
  } else {
    notify(r.message);
    if (r.retryAfter) state.buyingWaitsUntil = serverNow() + r.retryAfter * 1000;
    if (r.data && r.data.code === 'sold_out') onStock({ ...state.products.get(productId), productId, available: 0 });
  }
  renderCountdown(productId);
}

// ---- Checkout -------------------------------------------------------------------------------------------------

const finalStatuses = new Set(['Completed', 'Failed', 'Expired', 'Cancelled', 'Refunded']);

function openCheckout(orderId) {
  state.checkout = orderId;
  $('checkout').hidden = false;
  renderCheckout();
  $('checkout').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

function renderCheckout() {
  const order = state.orders.get(state.checkout);
  if (!order) return;
  $('checkout-summary').textContent = order.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', ');
  $('checkout-total').textContent = money(order.total);
  const status = $('checkout-status');
  status.textContent = order.status;
  status.className = `status-${order.status}`;
  const pending = order.status === 'Pending';
  const left = Date.parse(order.expiresAt) - serverNow();
  $('checkout-hold').textContent = pending
    ? (left > 0 ? `Your claim is held for ${span(left)}.` : 'Your claim has run out.')
    : '';
  if (pending && left < -3000 && state.expiryAskedFor !== order.id) {
    // The server expires unpaid orders on its own schedule: read this one back once it should have.
    state.expiryAskedFor = order.id;
    refreshOrder(order.id);
  }
  const paying = $('pay-button').dataset.busy;
  $('pay-button').disabled = !pending || left <= 0 || Boolean(paying) || state.payments.get(order.id)?.status === 'Succeeded';
  $('card-fields').hidden = !pending;
  $('pay-button').hidden = !pending;
  $('cancel-button').hidden = !pending;
  $('close-checkout').hidden = pending;
}

async function pay(event) {
  event.preventDefault();
  const orderId = state.checkout;
  const button = $('pay-button');
  if (!orderId || button.dataset.busy) return;
  button.dataset.busy = 'yes';
  button.textContent = 'Paying…';
  renderCheckout();
  const cardNumber = $('card').value.replace(/\s+/g, '');
  const r = await call('POST', '/api/payments', { body: { orderId, cardNumber }, key: newKey() });
  delete button.dataset.busy;
  button.textContent = 'Pay';
  if (r.ok) {
    state.payments.set(orderId, r.data);
    notify(r.data.status === 'Succeeded' ? 'Payment accepted. Confirming your order…'
      : r.data.status === 'Failed' ? 'Your card was declined; the item goes back on sale.'
        : 'Your payment is being processed…', r.data.status === 'Succeeded');
    await refreshOrder(orderId);
  } else {
    notify(r.message);
  }
  renderCheckout();
  renderOrders();
}

async function cancelOrder() {
  const orderId = state.checkout;
  const r = await call('DELETE', `/api/orders/${orderId}`);
  if (r.ok) { showOrder(r.data); notify('Order cancelled; the item goes back on sale.', true); } else notify(r.message);
}

async function refreshOrder(orderId) {
  const r = await call('GET', `/api/orders/${orderId}`);
  if (r.ok) showOrder(r.data);
}

function showOrder(order) {
  state.orders.set(order.id, order);
  if (order.id === state.checkout) {
    renderCheckout();
    if (finalStatuses.has(order.status)) {
      const done = {
        Completed: ['Order completed. Thank you!', true],
        Failed: ['Payment failed; the order is closed and the item is back on sale.', false],
        Expired: ['Your claim ran out before payment; the item is back on sale.', false],
        Cancelled: ['Order cancelled.', true],
        Refunded: ['Your money has been refunded.', true],
      }[order.status];
      notify(...done);
    }
  }
  renderOrders();
}

async function onOrderStatus(change) {
  const order = state.orders.get(change.orderId);
  if (!order) {
    await loadOrders();
    const claim = state.orders.get(change.orderId);
    if (claim && claim.status === 'Pending') {
      // A unit came back and this shopper was next in line: the claim is theirs to pay.
      for (const line of claim.lines) state.waitlists.set(line.productId, { status: 'offered' });
      openCheckout(claim.id);
      notify(`Good news: ${claim.lines[0].productName} came back and is held for you. Pay before your claim runs out.`, true);
      for (const line of claim.lines) renderProduct(line.productId);
    }
    return;
  }
  order.status = change.status;
  showOrder(order);
  if (['Refunded', 'Refunding', 'Failed'].includes(change.status)) loadPayments();
}

// ---- My orders ------------------------------------------------------------------------------------------------

async function loadOrders() {
  const [orders] = await Promise.all([call('GET', '/api/orders'), loadPayments()]);
  if (!orders.ok) return;
  for (const order of orders.data) state.orders.set(order.id, order);
  renderOrders();
  renderCheckout();
}

async function loadPayments() {
  const r = await call('GET', '/api/payments');
  if (!r.ok) return;
  for (const payment of r.data) state.payments.set(payment.orderId, payment);
  renderOrders();
}

function renderOrders() {
  const rows = [...state.orders.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  $('orders').replaceChildren(...rows.map((order) => {
    const payment = state.payments.get(order.id);
    const tr = document.createElement('tr');
    tr.dataset.orderId = order.id;
    const cells = [
      new Date(Date.parse(order.createdAt)).toLocaleString(),
      order.lines.map((l) => `${l.quantity} × ${l.productName}`).join(', '),
      money(order.total),
      order.status,
      payment ? payment.status + (payment.failureReason ? ` (${payment.failureReason.replaceAll('_', ' ')})` : '') : '—',
    ];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (i === 3) td.className = `status-${order.status}`;
      if (i === 4 && payment) td.className = `status-${payment.status}`;
      tr.append(td);
    });
    return tr;
  }));
}

// ---- Live updates (server-sent events read with fetch, so the token stays in a header) ----------------------------

function watch(path, handlers) {
  const stream = { stopped: false, controller: null };
  state.streams.push(stream);
  (async () => {
    let backoff = 1000;
    while (!stream.stopped) {
      stream.controller = new AbortController();
      try {
        const headers = session.token ? { Authorization: `Bearer ${session.token}` } : {};
        const response = await fetch(path, { headers, signal: stream.controller.signal });
        if (response.status === 401 && await refreshToken()) continue;
        if (!response.ok || !response.body) throw new Error(String(response.status));
        backoff = 1000;
        if (handlers.open) handlers.open();
        await readEvents(response.body, handlers);
      } catch { /* reconnects below */ }
      if (stream.stopped) return;
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 15000);
    }
  })();
}

async function readEvents(body, handlers) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message'; let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) type = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (handlers[type] && data) handlers[type](JSON.parse(data));
    }
  }
}

function stopStreams() {
  for (const stream of state.streams) { stream.stopped = true; stream.controller?.abort(); }
  state.streams = [];
}

// ---- Signing in -------------------------------------------------------------------------------------------------

async function signIn(event, register = false) {
  if (event) event.preventDefault();
  const userName = $('user-name').value.trim();
  const password = $('password').value;
  if (!$('sign-in-form').reportValidity()) return;
  if (register) {
    const created = await call('POST', '/api/identity/users', { body: { userName, password } });
    if (!created.ok) { notify(created.message); return; }
  }
  const r = await call('POST', '/api/identity/token', { body: { userName, password } });
  if (!r.ok) {
    notify(r.status === 400 || r.status === 401 ? 'That user name and password do not match.' : r.message);
    return;
  }
  session.keep(userName, r.data);
  $('password').value = '';
  notify('');
  await enterShop();
}

async function enterShop() {
  $('sign-in').hidden = true;
  $('shop').hidden = false;
  $('account').hidden = false;
  $('who').textContent = session.user;
  await syncClock();
  await Promise.all([loadProducts(), loadOrders()]);
  watch('/api/products/live', { stock: (updates) => updates.forEach(onStock) });
  watch('/api/orders/live', { order: onOrderStatus, open: loadOrders });
}

function signOut() {
  stopStreams();
  session.clear();
  state.orders.clear();
  state.payments.clear();
  state.checkout = null;
  $('checkout').hidden = true;
  $('shop').hidden = true;
  $('account').hidden = true;
  $('sign-in').hidden = false;
  notify('You are signed out.', true);
}

function money(amount) {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(amount);
}

// ---- Start ------------------------------------------------------------------------------------------------------

$('sign-in-form').addEventListener('submit', (e) => signIn(e));
$('register-button').addEventListener('click', () => signIn(null, true));
$('sign-out').addEventListener('click', signOut);
$('pay-form').addEventListener('submit', pay);
$('cancel-button').addEventListener('click', cancelOrder);
$('close-checkout').addEventListener('click', () => { $('checkout').hidden = true; state.checkout = null; });
setInterval(() => {
  for (const id of state.cards.keys()) renderCountdown(id);
  renderCheckout();
}, 250);
setInterval(syncClock, 60000);
if (session.token) enterShop();
