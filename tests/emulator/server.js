#!/usr/bin/env node
'use strict';
/*
 * Telegram Bot API emulator for the end-to-end tests.
 *
 * telegram-test-api 4.2.1 stores what users and bots send; this shim sits in front
 * of it (same process, same port) and makes the bot-facing side behave like the real
 * Bot API where python-telegram-bot 22 depends on it. See README.md for each gap.
 *
 * Usage: node server.js [--port N]   (0 = any free port; prints {"port": N} when ready)
 */

const express = require('express');
const TelegramServer = require('telegram-test-api');

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 0);

const emulator = new TelegramServer({ host: '127.0.0.1', port });
const bots = new Map(); // token -> what the bot told the API
const files = new Map(); // file_id -> { token, path, name, type, bytes }: documents and photos bots sent

function botState(token) {
  if (!bots.has(token)) {
    bots.set(token, {
      commands: [],
      callbackAnswers: [],
      inlineAnswers: [],
      documents: [],
      photos: [],
      webhook: null,
      getUpdatesCalls: 0,
      calls: {}, // Bot API method -> how many times the bot called it
    });
  }
  return bots.get(token);
}

function botUser(token) {
  // Real bot ids are the number before the colon of the token.
  return {
    id: Number(String(token).split(':')[0]) || 666,
    is_bot: true,
    first_name: 'Gongkai Test',
    username: 'GongkaiTestBot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
  };
}

const seconds = (millis) => Math.floor(millis / 1000);
const parse = (value) => (typeof value === 'string' ? JSON.parse(value) : value);

// A stored bot message as the Bot API returns it: dates in seconds, a typed chat, the sender.
function apiMessage(stored, token) {
  const { message } = stored;
  const chatId = Number(message.chat_id);
  const result = {
    message_id: stored.messageId,
    date: seconds(stored.time),
    chat: { id: chatId, type: chatId < 0 ? 'group' : 'private' },
    from: botUser(token),
    text: message.text,
  };
  const markup = message.reply_markup && parse(message.reply_markup);
  if (markup && markup.inline_keyboard) result.reply_markup = markup;
  for (const media of ['document', 'photo']) {
    if (message[media]) {
      result[media] = message[media];
      if (message.caption !== undefined) result.caption = message.caption;
      delete result.text;
    }
  }
  return result;
}

// An update as the Bot API sends it: callback queries carry chat_instance; inline queries exist.
function apiUpdate(update) {
  if (update.raw) return { ...update.raw, update_id: update.updateId };
  if (update.inlineQuery) return { update_id: update.updateId, inline_query: update.inlineQuery };
  const formatted = TelegramServer.formatUpdate(update);
  if (formatted.message) delete formatted.message.botToken; // the emulator's own bookkeeping
  const query = formatted.callback_query;
  if (query) {
    query.chat_instance = String(query.message ? query.message.chat.id : query.from.id);
  }
  return formatted;
}

// Every user update goes through here: queued for getUpdates, or posted to the webhook.
emulator.addUserUpdate = async function addUserUpdate(update) {
  const updateId = this.updateId;
  this.updateId += 1;
  const stored = { ...update, updateId };
  const { webhook } = botState(update.botToken);
  if (webhook) {
    const headers = { 'content-type': 'application/json' };
    if (webhook.secret_token) headers['X-Telegram-Bot-Api-Secret-Token'] = webhook.secret_token;
    // Callers do not await this: report a failed delivery instead of crashing on it.
    try {
      const response = await fetch(webhook.url, {
        method: 'POST', headers, body: JSON.stringify(apiUpdate(stored)),
      });
      if (!response.ok) process.stderr.write(`webhook answered ${response.status}\n`);
    } catch (error) {
      process.stderr.write(`webhook delivery failed: ${error}\n`);
    }
  } else {
    this.storage.userMessages.push(stored);
    this.emit('UserUpdate');
  }
};

function pending(token, offset) {
  const { storage } = emulator;
  if (offset) {
    // Like Telegram: an offset confirms, and forgets, every earlier update.
    storage.userMessages = storage.userMessages.filter(
      (u) => u.botToken !== token || u.updateId >= offset,
    );
  }
  return storage.userMessages.filter((u) => u.botToken === token).sort((a, b) => a.updateId - b.updateId);
}

function waitForUpdate(timeoutSeconds) {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); emulator.off('UserUpdate', done); resolve(); };
    const timer = setTimeout(done, timeoutSeconds * 1000);
    emulator.on('UserUpdate', done);
  });
}

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: true }));

// Like Telegram: a token that is not `<bot id>:<secret>` is answered 404, which bots read as invalid.
// Every call of a valid token is counted per method, so tests can see what an answer costs.
app.use('/bot:token/:method', (req, res, next) => {
  if (/^\d+:[\w-]+$/.test(req.params.token)) {
    const { calls } = botState(req.params.token);
    calls[req.params.method] = (calls[req.params.method] || 0) + 1;
    return next();
  }
  return res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' });
});

const ok = (res, result) => res.json({ ok: true, result });
const bad = (res, description) => res.status(400).json({ ok: false, error_code: 400, description });
const bot = (method, handler) => app.all(`/bot:token/${method}`, handler);

bot('getMe', (req, res) => ok(res, botUser(req.params.token)));

bot('getUpdates', async (req, res) => {
  const { token } = req.params;
  const body = { ...req.query, ...req.body };
  const offset = Number(body.offset || 0);
  const limit = Number(body.limit || 100);
  botState(token).getUpdatesCalls += 1;
  let updates = pending(token, offset);
  if (!updates.length && Number(body.timeout) > 0) {
    await waitForUpdate(Number(body.timeout));
    updates = pending(token, offset);
  }
  ok(res, updates.slice(0, limit).map(apiUpdate));
});

bot('sendMessage', (req, res) => {
  const { token } = req.params;
  const sent = emulator.addBotMessage(req.body, token);
  const stored = emulator.storage.botMessages.find((m) => m.messageId === sent.message_id);
  ok(res, apiMessage(stored, token));
});

function editedMessage(req, res, edit) {
  const { token } = req.params;
  const find = () => emulator.storage.botMessages.find((m) => (
    m.botToken === token
    && String(m.messageId) === String(req.body.message_id)
    && String(m.message.chat_id) === String(req.body.chat_id)));
  if (!find()) return bad(res, 'Bad Request: message to edit not found');
  edit(req.body);
  return ok(res, apiMessage(find(), token));
}

bot('editMessageText', (req, res) => editedMessage(req, res, (b) => emulator.editMessageText(b)));
bot('editMessageReplyMarkup', (req, res) => editedMessage(
  req, res, (b) => emulator.editMessageReplyMarkup(b),
));

bot('answerCallbackQuery', (req, res) => {
  const { callback_query_id: id, text, show_alert: alert } = req.body;
  botState(req.params.token).callbackAnswers.push({
    callback_query_id: String(id), text: text || null, show_alert: alert === 'true' || alert === true,
  });
  ok(res, true);
});

bot('answerInlineQuery', (req, res) => {
  botState(req.params.token).inlineAnswers.push({
    inline_query_id: String(req.body.inline_query_id), results: parse(req.body.results || '[]'),
  });
  ok(res, true);
});

// Documents and photos: a multipart upload (or the file_id of an earlier one), kept for getFile
// and download.
async function uploadFields(req) {
  if (!String(req.headers['content-type'] || '').startsWith('multipart/form-data')) {
    return { fields: { ...req.query, ...req.body }, upload: null };
  }
  // Node's fetch Response parses multipart bodies; no upload library is needed.
  const form = await new Response(req.body, { headers: { 'content-type': req.headers['content-type'] } })
    .formData();
  const fields = {};
  let upload = null;
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else upload = { field: name, file: value };
  }
  return { fields, upload };
}

function storedFile(token, upload, fields, media) {
  if (!upload) return files.get(String(fields[media] || '')) || null;
  const fileId = `${media}${files.size + 1}-${token.split(':')[0]}`;
  const name = upload.file.name || media;
  return { fileId, token, path: `${media}s/${fileId}/${name}`, name, type: upload.file.type, bytes: null };
}

async function keepUpload(file, upload) {
  if (upload) {
    file.bytes = Buffer.from(await upload.file.arrayBuffer());
    files.set(file.fileId, file);
  }
}

// A PNG's width and height, from its IHDR chunk, as Telegram reports the size of a photo.
function pngSize(bytes) {
  if (bytes.length >= 24 && bytes.toString('latin1', 1, 4) === 'PNG') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  return { width: 0, height: 0 };
}

// Like Telegram, a caption is measured as the text it shows: markup and entities do not count.
function captionLength(caption) {
  return String(caption || '').replace(/<[^>]*>/g, '').replace(/&#?\w+;/g, '_').length;
}

app.post('/bot:token/sendDocument', express.raw({ type: 'multipart/form-data', limit: '50mb' }), async (req, res) => {
  const { token } = req.params;
  const { fields, upload } = await uploadFields(req);
  const file = storedFile(token, upload, fields, 'document');
  if (!file) return bad(res, 'Bad Request: there is no document in the request');
  await keepUpload(file, upload);
  const document = {
    file_id: file.fileId,
    file_unique_id: `u${file.fileId}`,
    file_name: file.name,
    mime_type: file.type || 'application/octet-stream',
    file_size: file.bytes.length,
  };
  const message = { chat_id: fields.chat_id, document, reply_markup: fields.reply_markup };
  if (fields.caption !== undefined) message.caption = fields.caption;
  const sent = emulator.addBotMessage(message, token);
  botState(token).documents.push({
    chat_id: Number(fields.chat_id), message_id: sent.message_id, caption: fields.caption || null,
    parse_mode: fields.parse_mode || null, file_path: file.path, ...document,
  });
  const stored = emulator.storage.botMessages.find((m) => m.messageId === sent.message_id);
  return ok(res, apiMessage(stored, token));
});

app.post('/bot:token/sendPhoto', express.raw({ type: 'multipart/form-data', limit: '10mb' }), async (req, res) => {
  const { token } = req.params;
  const { fields, upload } = await uploadFields(req);
  const file = storedFile(token, upload, fields, 'photo');
  if (!file) return bad(res, 'Bad Request: there is no photo in the request');
  if (captionLength(fields.caption) > 1024) return bad(res, 'Bad Request: message caption is too long');
  await keepUpload(file, upload);
  const size = {
    file_id: file.fileId, file_unique_id: `u${file.fileId}`, file_size: file.bytes.length, ...pngSize(file.bytes),
  };
  const markup = fields.reply_markup ? parse(fields.reply_markup) : undefined;
  const message = { chat_id: fields.chat_id, photo: [size], reply_markup: markup };
  if (fields.caption !== undefined) message.caption = fields.caption;
  const sent = emulator.addBotMessage(message, token);
  botState(token).photos.push({
    chat_id: Number(fields.chat_id), message_id: sent.message_id, caption: fields.caption || null,
    parse_mode: fields.parse_mode || null, file_path: file.path, ...size,
  });
  const stored = emulator.storage.botMessages.find((m) => m.messageId === sent.message_id);
  return ok(res, apiMessage(stored, token));
});

bot('getFile', (req, res) => {
  const file = files.get(String({ ...req.query, ...req.body }.file_id));
  if (!file || file.token !== req.params.token) return bad(res, 'Bad Request: invalid file_id');
  return ok(res, {
    file_id: file.fileId, file_unique_id: `u${file.fileId}`, file_size: file.bytes.length, file_path: file.path,
  });
});

// Like Telegram's file server: GET /file/bot<token>/<file_path>, for the bot and for the tests.
app.get('/file/bot:token/*', (req, res) => {
  const file = [...files.values()].find((f) => f.token === req.params.token && f.path === req.params[0]);
  if (!file) return res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' });
  res.type(file.type || 'application/octet-stream');
  return res.send(file.bytes);
});

bot('setMyCommands', (req, res) => {
  botState(req.params.token).commands = parse(req.body.commands || '[]');
  ok(res, true);
});
bot('getMyCommands', (req, res) => ok(res, botState(req.params.token).commands));
bot('deleteMyCommands', (req, res) => { botState(req.params.token).commands = []; ok(res, true); });
bot('sendChatAction', (req, res) => ok(res, true));

bot('setWebhook', (req, res) => {
  if (!req.body.url) return bad(res, 'Bad Request: bad webhook: an HTTPS URL must be provided');
  botState(req.params.token).webhook = { url: req.body.url, secret_token: req.body.secret_token };
  return ok(res, true);
});
bot('deleteWebhook', (req, res) => { botState(req.params.token).webhook = null; ok(res, true); });

// Client side (the tests acting as users), beside telegram-test-api's own routes.
app.post('/sendCallback', (req, res) => {
  const id = emulator.callbackId;
  emulator.addUserCallback(req.body);
  ok(res, { callback_query_id: String(id) });
});

app.post('/sendInlineQuery', (req, res) => {
  const { botToken, from, query } = req.body;
  const id = `iq${emulator.updateId}`;
  emulator.addUserUpdate({
    botToken, time: Date.now(), inlineQuery: { id, from, query, offset: req.body.offset || '' },
  });
  ok(res, { inline_query_id: id });
});

// Any update as Telegram could send it (a poll, a reaction, a newer field): the body's
// `update` object, delivered as is with the next update_id.
app.post('/sendUpdate', (req, res) => {
  const { botToken, update } = req.body;
  if (!update || typeof update !== 'object') return bad(res, 'Bad Request: an update object is required');
  const updateId = emulator.updateId;
  emulator.addUserUpdate({ botToken, time: Date.now(), raw: update });
  return ok(res, { update_id: updateId });
});

app.get('/_bots/:token', (req, res) => ok(res, botState(req.params.token)));

// Every chat at once, for the load driver: the bot's messages after message id `after`, waiting
// up to `timeout` seconds for one. Each is { message_id, chat_id, keyboard } (keyboard: it carries
// inline buttons, as the last message of an answer does).
function sentAfter(token, after) {
  return emulator.storage.botMessages
    .filter((m) => m.botToken === token && m.messageId > after)
    .map((m) => {
      const markup = m.message.reply_markup && parse(m.message.reply_markup);
      return {
        message_id: m.messageId, chat_id: Number(m.message.chat_id), keyboard: Boolean(markup && markup.inline_keyboard),
      };
    });
}

app.post('/_bots/:token/sent', async (req, res) => {
  const after = Number(req.body.after || 0);
  let sent = sentAfter(req.params.token, after);
  const timeout = Number(req.body.timeout || 0);
  if (!sent.length && timeout > 0) {
    await new Promise((resolve) => {
      const done = () => { clearTimeout(timer); emulator.off('AddedBotMessage', done); resolve(); };
      const timer = setTimeout(done, timeout * 1000);
      emulator.on('AddedBotMessage', done);
    });
    sent = sentAfter(req.params.token, after);
  }
  ok(res, sent);
});

app.use(emulator.webServer); // everything else: telegram-test-api as it is

const server = app.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
const stop = () => { server.closeAllConnections(); server.close(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
