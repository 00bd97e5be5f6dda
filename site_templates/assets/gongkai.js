/*
 * gongkai 站点脚本（无依赖，兼容 Material 的即时导航 navigation.instant）。
 *
 * 1. 大字模式：在页眉插入「大字模式」切换按钮（aria-pressed 表示开关状态），切换 html.gk-large，
 *    并把选择记在 localStorage 里，跨页面保持。首屏前的恢复由 overrides/main.html 的内联脚本完成。
 * 2. 名词解释提示 a.gk-term：把 CSS 提示框挪到术语正下方（不超出正文栏）；按 Esc 可关闭当前提示
 *    （WCAG 1.4.13），指针移开或失去焦点后恢复。没有脚本时提示框照样显示，只是贴正文栏左缘。
 */
(function () {
  "use strict";

  var STORAGE_KEY = "gongkai.large"; // 与 overrides/main.html 中的内联脚本一致
  var LARGE_CLASS = "gk-large";
  var BUTTON_ID = "gk-mode-toggle";
  var QUIET_CLASS = "gk-term--quiet";
  var root = document.documentElement;

  function rememberedLarge() {
    try {
      return window.localStorage.getItem(STORAGE_KEY) === "1";
    } catch (e) {
      return false;
    }
  }

  function remember(large) {
    try {
      window.localStorage.setItem(STORAGE_KEY, large ? "1" : "0");
    } catch (e) {
      /* 隐私模式等禁用存储时，只在本页生效 */
    }
  }

  function show(large, button) {
    root.classList.toggle(LARGE_CLASS, large);
    button.setAttribute("aria-pressed", large ? "true" : "false");
    button.title = large ? "已开启大字模式，再按一次恢复标准模式" : "放大文字、加强对比，方便阅读";
  }

  function createButton() {
    var button = document.createElement("button");
    button.type = "button";
    button.id = BUTTON_ID;
    button.className = "gk-mode-toggle";
    button.textContent = "大字模式";
    button.addEventListener("click", function () {
      var large = !root.classList.contains(LARGE_CLASS);
      remember(large);
      show(large, button);
    });
    return button;
  }

  /* 每次（即时导航后）页面就绪时调用；页眉不随导航替换，按钮只插入一次。 */
  function setUpReadingMode() {
    var button = document.getElementById(BUTTON_ID);
    if (!button) {
      var title = document.querySelector(".md-header__title");
      if (!title) {
        return;
      }
      button = createButton();
      title.insertAdjacentElement("afterend", button);
    }
    show(rememberedLarge(), button);
  }

  /* Material 的搜索框是 role="dialog" 却没有名称，读屏软件只会念「对话框」（axe: aria-dialog-name）。 */
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label])');
    if (dialog) {
      dialog.setAttribute("aria-label", "站内搜索");
    }
  }

  /* 纯 CSS 时提示框贴正文栏左缘；有脚本时把它挪到术语正下方，但不超出正文栏右缘。 */
  function placeTip(event) {
    var term = event.target.closest && event.target.closest("a.gk-term");
    var column = term && term.closest(".md-content__inner");
    if (!column) {
      return;
    }
    var fragments = term.getClientRects(); // 术语跨行时，提示框在最后一段的下一行
    var termLeft = fragments[fragments.length - 1].left;
    var box = column.getBoundingClientRect();
    var tipWidth = parseFloat(window.getComputedStyle(term, "::after").width) || 0;
    var x = Math.max(0, Math.min(termLeft - box.left, box.width - tipWidth));
    term.style.setProperty("--gk-tip-x", x + "px");
  }

  function shownTerms() {
    return document.querySelectorAll("a.gk-term:hover, a.gk-term:focus");
  }

  function quietTerm(event) {
    if (event.key !== "Escape") {
      return;
    }
    Array.prototype.forEach.call(shownTerms(), function (term) {
      term.classList.add(QUIET_CLASS);
    });
  }

  function wakeTerm(event) {
    var term = event.target.closest && event.target.closest("a.gk-term");
    if (term) {
      term.classList.remove(QUIET_CLASS);
    }
  }

  document.addEventListener("mouseover", placeTip);
  document.addEventListener("focusin", placeTip);
  document.addEventListener("keydown", quietTerm);
  document.addEventListener("mouseout", wakeTerm);
  document.addEventListener("focusout", wakeTerm);

  function setUpPage() {
    setUpReadingMode();
    nameSearchDialog();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpPage);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpPage);
  } else {
    setUpPage();
  }
})();
