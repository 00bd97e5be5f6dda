/*
 * gongkai 站点脚本（无依赖，兼容 Material 的即时导航 navigation.instant）。
 *
 * 1. 大字模式：在页眉插入「大字模式」切换按钮（aria-pressed 表示开关状态），切换 html.gk-large，
 *    并把选择记在 localStorage 里，跨页面保持。首屏前的恢复由 overrides/main.html 的内联脚本完成。
 * 2. 名词解释提示 a.gk-term：把 CSS 提示框挪到术语正下方（不超出正文栏）；按 Esc 可关闭当前提示
 *    （WCAG 1.4.13），指针移开或失去焦点后恢复。没有脚本时提示框照样显示，只是贴正文栏左缘。
 *    触屏（没有悬停）上第一次点术语只在原处展开解释，再点一次才跳到名词解释页。
 * 3. 数字的来源：表格中的数字只有悬停提示（title），手机上看不到；点一下数字，在它下方展开来源
 *    （原文哪张表、数据文件第几行哪一栏）和这个数字的固定链接。点别处或按 Esc 收起。
 * 4. 金额单位：页眉的「金额单位」选择框（原文 / 元 / 万元 / 亿元），选择记在 localStorage 里。带 data-yuan /
 *    data-wan / data-yi 的数字换成所选单位的写法（构建时用 Decimal 精确换算好的字符串，脚本不做任何计算），
 *    原文数字写在 title 里，选「原文」即恢复；.gk-unit-label 的单位名随之改写。默认「原文」：按原文照录。
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

  var OPEN_CLASS = "gk-term--open";
  var touchOnly = window.matchMedia ? window.matchMedia("(hover: none), (pointer: coarse)") : { matches: false };

  /* 触屏上第一次点术语：不离开页面，在原处展开解释（再点一次才打开名词解释页） */
  function tapTerm(event) {
    var term = event.target.closest && event.target.closest("a.gk-term");
    Array.prototype.forEach.call(document.querySelectorAll("a." + OPEN_CLASS), function (open) {
      if (open !== term) {
        open.classList.remove(OPEN_CLASS);
      }
    });
    if (!term || !touchOnly.matches || term.classList.contains(OPEN_CLASS)) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation(); // 不让 Material 的即时导航接手这个链接
    term.classList.add(OPEN_CLASS);
    term.classList.remove(QUIET_CLASS);
    placeTip({ target: term });
  }

  var POP_ID = "gk-source-pop";

  function closeSource() {
    var pop = document.getElementById(POP_ID);
    if (pop) {
      pop.parentNode.removeChild(pop);
    }
  }

  /* 点表格中的数字：在它下方展开来源与固定链接 */
  function tapFigure(event) {
    var target = event.target;
    if (!target.closest || target.closest("#" + POP_ID)) {
      return;
    }
    var cell = target.closest(".md-content td[title]");
    closeSource();
    var column = cell && !target.closest("a") && cell.closest(".md-content__inner");
    if (!column) {
      return;
    }
    var pop = document.createElement("div");
    pop.id = POP_ID;
    pop.className = "gk-pop";
    pop.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = cell.getAttribute("title");
    pop.appendChild(text);
    if (cell.id) {
      var link = document.createElement("a");
      link.href = "#" + cell.id;
      link.textContent = "本数字的链接";
      pop.appendChild(link);
    }
    column.appendChild(pop);
    var box = column.getBoundingClientRect();
    var place = cell.getBoundingClientRect();
    var left = Math.max(0, Math.min(place.left - box.left, box.width - pop.offsetWidth));
    pop.style.left = left + "px";
    pop.style.top = place.bottom - box.top + 4 + "px";
  }

  /* 「N 行无数据」：展开折叠的空行。没有脚本时靠 CSS 的 :target；即时导航用 pushState 改网址，
     :target 不会更新，所以有脚本时直接加上 gk-open。 */
  function openBlank(body) {
    if (body && body.classList.contains("gk-blank")) {
      body.classList.add("gk-open");
      body.previousElementSibling.classList.add("gk-open");
    }
  }

  // The element a URL fragment names (「#t01-r1-c1」, percent-encoded Chinese ids decoded), or null.
  function hashTarget(hash) {
    try {
      return (hash && document.getElementById(decodeURIComponent(hash.slice(1)))) || null;
    } catch (e) {
      return null; // a malformed %-escape names nothing
    }
  }

  function tapFold(event) {
    var link = event.target.closest && event.target.closest("tbody.gk-fold a");
    if (link) {
      event.preventDefault();
      event.stopImmediatePropagation();
      openBlank(hashTarget(link.hash));
    }
  }

  function openTargetBlank() {
    var target = hashTarget(window.location.hash);
    openBlank(target && target.closest("tbody.gk-blank"));
  }

  /* 手机菜单（抽屉）里加上本页目录：公开页是导航中的分组首页，Material 不在抽屉里列它的目录 */
  var DRAWER_ID = "gk-drawer-contents";

  /* 目录链接：自己滚到那一节（Material 的即时导航接手页内链接时，有时只改网址不滚动），并关上抽屉 */
  function followContents(event) {
    var link = event.target.closest && event.target.closest(".gk-contents a, #" + DRAWER_ID + " a");
    var target = link && hashTarget(link.hash);
    if (!target) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    var drawer = document.getElementById("__drawer");
    if (drawer) {
      drawer.checked = false;
    }
    window.history.pushState(null, "", link.hash);
    target.scrollIntoView();
  }

  function setUpDrawerContents() {
    var contents = document.querySelector(".md-content .gk-contents > ol");
    var old = document.getElementById(DRAWER_ID);
    if (old) {
      old.parentNode.removeChild(old);
    }
    var active = document.querySelectorAll(".md-sidebar--primary .md-nav__item--active");
    if (!contents || !active.length || document.querySelector(".md-sidebar--primary [data-md-component=toc]")) {
      return;
    }
    var nav = document.createElement("nav");
    nav.id = DRAWER_ID;
    nav.className = "gk-drawer-contents";
    nav.setAttribute("aria-label", "本页目录");
    nav.appendChild(contents.cloneNode(true));
    var item = active[active.length - 1];
    var list = item.querySelector(":scope > nav > .md-nav__list"); // 分组首页：放在分组面板里
    if (list) {
      var entry = document.createElement("li");
      entry.className = "md-nav__item";
      entry.appendChild(nav);
      list.appendChild(entry);
    } else {
      item.appendChild(nav);
    }
  }

  /* 长页面的每一节可以收起、再展开（没有脚本时全部展开） */
  function setUpFolding() {
    var headings = document.querySelectorAll(".md-content .gk-contents ~ h2");
    Array.prototype.forEach.call(headings, function (heading) {
      if (heading.querySelector(".gk-fold-button")) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gk-fold-button";
      button.textContent = "收起";
      button.setAttribute("aria-expanded", "true");
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = open ? "收起" : "展开";
        for (var next = heading.nextElementSibling; next && next.tagName !== "H2"; next = next.nextElementSibling) {
          next.hidden = !open;
        }
      });
      heading.appendChild(button);
    });
  }

  function escapeSource(event) {
    if (event.key === "Escape") {
      closeSource();
    }
  }

  document.addEventListener("click", tapTerm, true); // 捕获阶段：先于 Material 的链接处理
  document.addEventListener("click", tapFold, true);
  document.addEventListener("click", followContents, true);
  window.addEventListener("hashchange", openTargetBlank);
  document.addEventListener("click", tapFigure);
  document.addEventListener("keydown", escapeSource);
  document.addEventListener("mouseover", placeTip);
  document.addEventListener("focusin", placeTip);
  document.addEventListener("keydown", quietTerm);
  document.addEventListener("mouseout", wakeTerm);
  document.addEventListener("focusout", wakeTerm);

  var UNIT_KEY = "gongkai.amount-unit";
  var UNIT_SELECT_ID = "gk-unit-switch";
  var UNIT_ATTRIBUTES = { "元": "data-yuan", "万元": "data-wan", "亿元": "data-yi" };

  function rememberedUnit() {
    try {
      var unit = window.localStorage.getItem(UNIT_KEY) || "";
      return UNIT_ATTRIBUTES[unit] ? unit : "";
    } catch (e) {
      return "";
    }
  }

  function showAmounts(unit) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-wan]"), function (el) {
      if (el.gkPrinted === undefined) {
        el.gkPrinted = el.textContent;
        el.gkTitle = el.getAttribute("title") || "";
      }
      var printed = "原文：" + el.gkPrinted + el.getAttribute("data-unit");
      el.textContent = unit ? el.getAttribute(UNIT_ATTRIBUTES[unit]) : el.gkPrinted;
      el.setAttribute("title", unit ? printed + (el.gkTitle ? "；" + el.gkTitle : "") : el.gkTitle);
      el.classList.toggle("gk-converted", unit !== "" && unit !== el.getAttribute("data-unit"));
    });
    Array.prototype.forEach.call(document.querySelectorAll(".gk-unit-label"), function (el) {
      el.textContent = unit || el.getAttribute("data-unit");
    });
    document.documentElement.setAttribute("data-amount-unit", unit || "printed");
  }

  function createUnitSwitch() {
    var label = document.createElement("label");
    label.className = "gk-unit-switch";
    var text = document.createElement("span");
    text.className = "gk-unit-switch__label";
    text.textContent = "金额单位";
    label.appendChild(text);
    var select = document.createElement("select");
    select.id = UNIT_SELECT_ID;
    [["", "原文"], ["元", "元"], ["万元", "万元"], ["亿元", "亿元"]].forEach(function (pair) {
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      try {
        window.localStorage.setItem(UNIT_KEY, select.value);
      } catch (e) {
        /* 存储不可用时只在本页生效 */
      }
      showAmounts(select.value);
    });
    label.appendChild(select);
    return label;
  }

  /* 比较页的表头按钮：按构建时算好的名次 data-rank 排序（不在浏览器里比较金额）。没有脚本时表格按默认顺序照常可读。 */
  function setUpSorting() {
    Array.prototype.forEach.call(document.querySelectorAll("table.gk-sortable"), function (table) {
      Array.prototype.forEach.call(table.querySelectorAll("thead th[data-sort]"), function (th) {
        if (th.querySelector("button")) {
          return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "gk-sort";
        while (th.firstChild) {
          button.appendChild(th.firstChild);
        }
        th.appendChild(button);
        button.addEventListener("click", function () {
          var column = th.getAttribute("data-sort");
          var descending = th.getAttribute("aria-sort") !== "descending";
          Array.prototype.forEach.call(table.querySelectorAll("thead th[aria-sort]"), function (other) {
            other.removeAttribute("aria-sort");
          });
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = parseInt(a.getAttribute("data-rank-" + column) || "0", 10);
            var y = parseInt(b.getAttribute("data-rank-" + column) || "0", 10);
            return descending ? y - x : x - y;
          });
          rows.forEach(function (row) {
            body.appendChild(row);
          });
        });
      });
    });
  }

  function setUpUnitSwitch() {
    var select = document.getElementById(UNIT_SELECT_ID);
    if (!select) {
      var title = document.querySelector(".md-header__title");
      if (!title) {
        return;
      }
      title.insertAdjacentElement("afterend", createUnitSwitch());
      select = document.getElementById(UNIT_SELECT_ID);
    }
    select.value = rememberedUnit();
    showAmounts(select.value);
  }

  function setUpPage() {
    setUpReadingMode();
    openTargetBlank();
    setUpDrawerContents();
    setUpFolding();
    setUpUnitSwitch();
    setUpSorting();
  }

  // Runs setUp on every page: after each instant navigation (Material's document$), else once loaded.
  // gongkai-search.js, loaded after this file, sets its own page up through it too.
  window.gongkaiHashTarget = hashTarget; // for gongkai-search.js
  window.gongkaiOnPage = function (setUp) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setUp);
    } else {
      setUp();
    }
  };
  window.gongkaiOnPage(setUpPage);
})();
