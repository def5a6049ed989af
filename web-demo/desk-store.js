// The desk remembers: received files (name, bytes, time added) kept in the browser's own
// IndexedDB so a reload or the next visit finds them again. Nothing leaves the machine.
// Every failure is answered in words: no storage at all (some browsers over file://),
// a full disk or quota (QuotaExceededError: which file was not saved).
'use strict';
(() => {
  const JZ = (window.JZ = window.JZ || {});
  const DB_NAME = 'jz-desk';
  const STORE = 'files';
  const OFF_KEY = 'jz-desk-off';
  let db = null;
  let why = '';

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  function done(tx) {
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new DOMException('aborted', 'AbortError'));
    });
  }

  /** A Chinese sentence for a storage error. */
  function words(e, name) {
    const quota = e && (e.name === 'QuotaExceededError' || /quota/i.test(String(e.message)));
    const what = name ? `“${name}”` : '文件';
    if (quota) return `本机存储空间已满，${what}没有保存到本机（页面中仍可使用，刷新后需要重新放入）。请清理磁盘或点“清空本机保存的文件”后再试。`;
    return `${what}没有保存到本机（浏览器拒绝了保存：${(e && e.name) || '未知原因'}）。页面中仍可使用，刷新后需要重新放入。`;
  }

  const desk = {
    /** Whether the user lets the page keep files (the switch; on unless turned off). */
    wanted() {
      try { return localStorage.getItem(OFF_KEY) !== '1'; } catch { return true; }
    },
    setWanted(on) {
      try { if (on) localStorage.removeItem(OFF_KEY); else localStorage.setItem(OFF_KEY, '1'); } catch { /* no localStorage */ }
    },
    /** Whether storage could be opened. */
    available: () => db !== null,
    /** Why storage is not available (a sentence), or ''. */
    reason: () => why,

    /** Opens the database; never throws. */
    async open() {
      if (db) return true;
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('no indexedDB');
        const req = indexedDB.open(DB_NAME, 1);
        req.onupgradeneeded = () => {
          if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'name' });
        };
        db = await request(req);
        db.onversionchange = () => { db.close(); db = null; };
        if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
        return true;
      } catch (e) {
        db = null;
        why = location.protocol === 'file:'
          ? '这个浏览器不允许直接打开的本地网页（file://）在本机保存文件，刷新或关闭页面后需要重新放入文件。如需保存，请用 Chrome 或 Edge 打开，或运行 ./scripts/web-serve.sh 后打开 http://127.0.0.1:8080/ 。'
          : '这个浏览器不允许本页面在本机保存文件（可能是无痕/隐私模式或设置禁止了网站数据），刷新或关闭页面后需要重新放入文件。';
        return false;
      }
    },

    /** Every saved file, oldest first: [{name, bytes, added}]. */
    async all() {
      if (!db) return [];
      const rows = await request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll());
      return rows.filter((r) => r && typeof r.name === 'string' && r.bytes instanceof Uint8Array)
        .sort((a, b) => a.added - b.added || (a.name < b.name ? -1 : 1));
    },

    /** Saves one file; resolves to '' or to the sentence saying why it was not saved. */
    async save(name, bytes, added) {
      if (!db || !desk.wanted()) return '';
      try {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put({ name, bytes, added: added || Date.now() });
        await done(tx);
        return '';
      } catch (e) {
        return words(e, name);
      }
    },

    async remove(name) {
      if (!db) return;
      try {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).delete(name);
        await done(tx);
      } catch { /* nothing saved to remove */ }
    },

    /** Deletes every saved file; resolves to '' or a sentence. */
    async clear() {
      if (!db) return '';
      try {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).clear();
        await done(tx);
        return '';
      } catch (e) {
        return '无法清空本机保存的文件：' + ((e && e.name) || '未知原因') + '。请在浏览器设置中清除本网页的数据。';
      }
    },
  };
  JZ.desk = desk;
})();
