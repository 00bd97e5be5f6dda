/*
 * gongkai 站内搜索（Pagefind，无外部请求；Material 的搜索插件已关闭，搜索框沿用它的样式）。
 *
 * 1. 搜索框（partials/gk-search.html）：第一次打开时从本站 pagefind/ 加载 Pagefind，之后每次输入
 *    只下载查询用到的索引分块。结果按页面列出，链接直达页面中回答查询的一节（表格、情况说明的
 *    一部分、项目），摘要里标出查询的整词；展开「筛选」后可按地区、年度、类别、单位筛选（筛选的
 *    索引这时才下载：第一次搜索不必下载它）。键盘：/ 或 s 打开，
 *    ↓/↑ 在结果间移动，Enter 打开，Esc 关闭。
 * 2. 落地页高亮：链接带 ?h=查询，页面中查询的整词（不少于两个字；拼音查询则是它对应的名称）
 *    用 <mark> 标出，不会逐字标出单个汉字。
 */
(function () {
  "use strict";

  var ROOT = new URL("../", document.currentScript.src); // 本脚本在 assets/ 下
  var SHOWN = 5; // 每批加载并显示的结果页数（每页一个片段文件：第一次搜索的下载量主要在这里）
  var SECTIONS = 3; // 每个结果最多列出的小节
  var SITE_PAGE_WEIGHT = 0.25; // 名词解释、关于、首页等解释用语，数字在公开页面上：排在后面
  var FILTERS = ["地区", "年度", "类别", "单位"];
  var pagefind = null;
  var loading = null;
  var filtersLoading = null; // 筛选的索引：读者展开「筛选」时才加载
  var sequence = 0;
  var asked = ""; // 最近一次提交给搜索的查询和筛选（输入和松开按键各触发一次，同一查询只搜一次）
  var queue = Promise.resolve(); // 一次只做一个 Pagefind 搜索：同时进行的搜索会争抢同一索引分片
  var found = null; // 当前查询的全部结果
  var shown = 0;

  function $(selector) {
    return document.querySelector(selector);
  }

  function toggle() {
    return document.getElementById("__search");
  }

  function meta(text) {
    var element = $(".gk-search .md-search-result__meta");
    if (element) {
      element.textContent = text;
    }
  }

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", ROOT).href)
        .then(function (module) {
          return module.options({ baseUrl: ROOT.pathname, excerptLength: 24 }).then(function () {
            return module.init();
          }).then(function () {
            pagefind = module;
            $(".gk-search-filters-box").hidden = false;
            meta("键入以开始搜索");
            return pagefind;
          });
        })
        .catch(function () {
          meta("搜索索引不可用（本地预览不生成索引，请用 gongkai build 生成网站）");
          return null;
        });
    }
    return loading;
  }

  /* ---- 查询 ---- */

  function terms(query) {
    return query.trim().split(/\s+/).filter(Boolean);
  }

  /* 摘要的纯文本，去掉隐藏索引文字里的拼音（小写拉丁字母词；页面正文里几乎没有）。 */
  function plain(html) {
    var box = document.createElement("div");
    box.innerHTML = html;
    return (box.textContent || "").replace(/\b[a-z]{2,}\b ?/g, "");
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  /* 整词高亮：查询中每个不少于两个字的词（单字的查询照样标出），不逐字拆开。 */
  function markWords(text, words) {
    var wanted = words.filter(function (w) {
      return w.length >= 2 || words.length === 1;
    });
    if (!wanted.length) {
      return escapeHtml(text);
    }
    var pattern = wordPattern(wanted);
    var html = "";
    var last = 0;
    text.replace(pattern, function (match, offset) {
      html += escapeHtml(text.slice(last, offset)) + "<mark>" + escapeHtml(match) + "</mark>";
      last = offset + match.length;
      return match;
    });
    return html + escapeHtml(text.slice(last));
  }

  var QUOTES = /[“”‘’"'「」『』]/g; // 「“三公”经费」也算完整的「三公经费」

  function bare(text) {
    return text.replace(QUOTES, "").toLowerCase();
  }

  function containsAll(text, words) {
    var lower = bare(text);
    return words.every(function (w) {
      return lower.indexOf(bare(w)) >= 0;
    });
  }

  /* 匹配整词的正则：词中各字之间允许引号（“三公”经费），长词优先。 */
  function wordPattern(words) {
    return new RegExp(
      words
        .slice()
        .sort(function (a, b) {
          return b.length - a.length;
        })
        .map(function (w) {
          return Array.from(bare(w))
            .map(function (c) {
              return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
            })
            .join("[“”‘’\"'「」『』]?");
        })
        .join("|"),
      "gi"
    );
  }

  function sectionScore(sub) {
    return (sub.weighted_locations || []).reduce(function (sum, l) {
      return sum + l.balanced_score;
    }, 0);
  }

  /* 一页中回答查询的小节：先看摘要里是否有完整的查询词，再按 Pagefind 的得分（其中标题、表格的
     科目名称和科目代码权重较高：行名就是查询的表格排在只提到它的文字前面）；得分相同时按页面顺序。 */
  function bestSections(data, words) {
    var subs = (data.sub_results || []).map(function (sub, order) {
      var text = plain(sub.excerpt || "");
      return {
        sub: sub,
        exact: containsAll(sub.title + " " + text, words),
        score: sectionScore(sub),
        order: order
      };
    });
    subs.sort(function (a, b) {
      return b.exact - a.exact || b.score - a.score || a.order - b.order;
    });
    return subs.slice(0, SECTIONS).map(function (s) {
      return s.sub;
    });
  }

  function isSitePage(url) {
    var path = url.replace(ROOT.pathname, "");
    var parts = path.split("/").filter(Boolean);
    // 公开页面是 地区/单位/年度-类别/（项目页在它下面）；其余（首页、名词解释、关于、数据核验、单位页、
    // 比较、浏览）都是网站页面
    return parts.length < 3 || !/^\d{4}-[a-z]+$/.test(parts[2]);
  }

  function rank(results, datas, words) {
    var ranked = datas.map(function (data, i) {
      var score = results[i].score;
      if (containsAll(data.content || "", words)) {
        score *= 2;
      }
      if (isSitePage(data.url)) {
        score *= SITE_PAGE_WEIGHT;
      }
      return { data: data, score: score, order: i };
    });
    ranked.sort(function (a, b) {
      return b.score - a.score || a.order - b.order;
    });
    return ranked.map(function (r) {
      return r.data;
    });
  }

  function link(url, query) {
    var target = new URL(url, location.href);
    target.searchParams.set("h", query);
    return target.pathname + target.search + target.hash;
  }

  function item(data, query, words) {
    var sections = bestSections(data, words);
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var first = sections[0];
    var title = (data.meta && data.meta.title) || data.url;
    var html =
      '<a href="' + escapeHtml(link(first ? first.url : data.url, query)) + '" class="md-search-result__link">' +
      '<article class="md-search-result__article md-typeset"><h1>' + escapeHtml(title) + "</h1>" +
      (first && first.title !== title ? "<h2>" + markWords(first.title, words) + "</h2>" : "") +
      "<p>" + markWords(plain(first ? first.excerpt : data.excerpt), words) + "</p></article></a>";
    sections.slice(1).forEach(function (sub) {
      html +=
        '<a href="' + escapeHtml(link(sub.url, query)) + '" class="md-search-result__link">' +
        '<article class="md-search-result__article md-typeset"><h2>' + markWords(sub.title, words) + "</h2>" +
        "<p>" + markWords(plain(sub.excerpt), words) + "</p></article></a>";
    });
    li.innerHTML = html;
    return li;
  }

  function showMore(query) {
    var token = sequence;
    var batch = found.results.slice(shown, shown + SHOWN);
    return Promise.all(
      batch.map(function (r) {
        return r.data();
      })
    ).then(function (datas) {
      if (token !== sequence) {
        return;
      }
      var words = terms(query);
      var list = $(".gk-search .md-search-result__list");
      rank(batch, datas, words).forEach(function (data) {
        list.appendChild(item(data, query, words));
      });
      shown += batch.length;
      $(".gk-search-more").hidden = shown >= found.results.length;
    });
  }

  function run() {
    var input = $(".gk-search .md-search__input");
    var query = input ? input.value.trim() : "";
    var key = query + "\n" + JSON.stringify(chosenFilters());
    if (query && key === asked) {
      return;
    }
    asked = key;
    var token = ++sequence;
    var list = $(".gk-search .md-search-result__list");
    if (!query) {
      list.innerHTML = "";
      list.setAttribute("data-gk-query", "");
      $(".gk-search-more").hidden = true;
      meta(pagefind ? "键入以开始搜索" : "正在初始化搜索引擎");
      return;
    }
    load().then(function (pf) {
      if (!pf || token !== sequence) {
        return null;
      }
      var searching = queue.then(function () {
        return token === sequence ? pf.search(query, { filters: chosenFilters() }) : null;
      });
      queue = searching.catch(function () {});
      return searching.then(function (result) {
        if (!result || token !== sequence) {
          return;
        }
        found = result;
        shown = 0;
        list.innerHTML = "";
        updateFilterCounts(result.filters);
        return showMore(query).then(function () {
          if (token === sequence) {
            var count = result.results.length; // 结果显示出来以后才报告数量
            meta(count === 0 ? "没有找到符合条件的结果" : "找到 " + count + " 个符合条件的结果");
            list.setAttribute("data-gk-query", query); // 列表显示的是哪个查询的结果（供测试等待）
          }
        });
      });
    });
  }

  /* ---- 筛选 ---- */

  /* 展开「筛选」时加载全部筛选的索引（Pagefind 的 filters()），列出各项，再搜一次当前查询：
     各值旁显示结果数。未展开时搜索只加载查询用到的索引分块。 */
  function loadFilters() {
    if (!filtersLoading) {
      filtersLoading = load()
        .then(function (pf) {
          return pf ? pf.filters() : null;
        })
        .then(function (all) {
          showFilters(all);
          asked = "";
          run();
        });
    }
    return filtersLoading;
  }

  function showFilters(all) {
    var box = $(".gk-search-filters");
    box.innerHTML = "";
    FILTERS.forEach(function (name) {
      var values = Object.keys((all || {})[name] || {}).sort();
      if (values.length < 2) {
        return;
      }
      var label = document.createElement("label");
      label.className = "gk-search-filter";
      label.textContent = name + " ";
      var select = document.createElement("select");
      select.name = name;
      select.innerHTML =
        '<option value="">全部</option>' +
        values
          .map(function (v) {
            return '<option value="' + escapeHtml(v) + '">' + escapeHtml(v) + "</option>";
          })
          .join("");
      select.addEventListener("change", run);
      label.appendChild(select);
      box.appendChild(label);
    });
    if (!box.children.length) {
      box.textContent = "本站只有一个地区、年度、类别和单位，无需筛选";
    }
  }

  function chosenFilters() {
    var chosen = {};
    document.querySelectorAll(".gk-search-filters select").forEach(function (select) {
      if (select.value) {
        chosen[select.name] = select.value;
      }
    });
    return chosen;
  }

  function updateFilterCounts(counts) {
    document.querySelectorAll(".gk-search-filters select").forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (option.value) {
          var n = ((counts || {})[select.name] || {})[option.value] || 0;
          option.textContent = option.value + "（" + n + "）";
        }
      });
    });
  }

  /* ---- 打开、关闭与键盘 ---- */

  function open() {
    var box = toggle();
    if (box && !box.checked) {
      box.checked = true;
    }
    var input = $(".gk-search .md-search__input");
    if (input) {
      input.focus();
    }
    load();
  }

  function close() {
    var box = toggle();
    if (box && box.checked) {
      box.click(); // 经 change 事件告诉 Material：手机上它解除搜索时的滚动锁定，落地页才能滚到结果那一节
    }
    var input = $(".gk-search .md-search__input");
    if (input) {
      input.blur();
    }
  }

  /* 手机上搜索框全屏时，Material 锁住页面滚动（body[data-md-scrolllock]，原位置记在 body.style.top），
     关闭搜索 100 毫秒后才解锁并滚回原位置（patches/scrolllock）。读者点了结果就要去那一节：在即时导航
     滚到那一节之前先解锁，并清掉记下的位置，Material 解锁时就没有位置可恢复，不会把页面滚回去 */
  function releaseScrollLock() {
    document.body.removeAttribute("data-md-scrolllock");
    document.body.style.top = "";
  }

  function resultLinks() {
    return Array.prototype.slice.call(document.querySelectorAll(".gk-search .md-search-result__link"));
  }

  function onKey(event) {
    var inSearch = event.target.closest && event.target.closest(".gk-search");
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName) || event.target.isContentEditable;
    if (!inSearch) {
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s")) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = resultLinks();
      if (!links.length) {
        return;
      }
      event.preventDefault();
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) {
        $(".gk-search .md-search__input").focus();
      } else {
        links[Math.min(next, links.length - 1)].focus();
      }
    } else if (event.key === "Enter" && event.target.classList.contains("md-search__input")) {
      event.preventDefault();
      var first = resultLinks()[0];
      if (first) {
        first.click();
      }
    }
  }

  function setUpBox() {
    var input = $(".gk-search .md-search__input");
    if (!input || input.dataset.gkReady) {
      return;
    }
    input.dataset.gkReady = "1";
    input.addEventListener("focus", open);
    input.addEventListener("input", run);
    input.addEventListener("keyup", function (event) {
      if (event.key !== "Enter") {
        run();
      }
    });
    var form = input.form;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      setTimeout(run, 0);
    });
    var box = toggle();
    if (box) {
      box.addEventListener("change", function () {
        if (box.checked) {
          open();
        }
      });
    }
    var filtersBox = $(".gk-search-filters-box");
    filtersBox.addEventListener("toggle", function () {
      if (filtersBox.open) {
        loadFilters();
      }
    });
    $(".gk-search-more").addEventListener("click", function () {
      showMore(input.value.trim());
    });
    $(".gk-search .md-search-result__list").addEventListener("click", function (event) {
      if (event.target.closest("a")) {
        releaseScrollLock();
        close();
      }
    });
    document.addEventListener("keydown", onKey);
  }

  /* ---- 落地页高亮 ---- */

  function namesFor(word, article) {
    var lower = word.toLowerCase();
    var names = [];
    article.querySelectorAll(".gk-index [data-gk-name]").forEach(function (span) {
      var hit = span.textContent.split(/\s+/).some(function (w) {
        return w && w.indexOf(lower) === 0;
      });
      if (hit) {
        names.push(span.getAttribute("data-gk-name"));
      }
    });
    return names;
  }

  function highlight() {
    var query = new URLSearchParams(location.search).get("h");
    var article = $("article.md-content__inner");
    if (!query || !article || article.querySelector("mark[data-gk-highlight]")) {
      return;
    }
    var words = [];
    terms(query).forEach(function (word) {
      if (/^[a-z]+$/i.test(word)) {
        words = words.concat(namesFor(word, article)); // 拼音：标出它对应的名称，不标拼音本身
      } else {
        words.push(word);
      }
    });
    words = words.filter(function (w) {
      return w.length >= 2;
    });
    if (!words.length) {
      return;
    }
    var pattern = wordPattern(words);
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent.closest(".gk-index, script, style, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) {
      pattern.lastIndex = 0;
      if (pattern.test(walker.currentNode.nodeValue)) {
        nodes.push(walker.currentNode);
      }
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var fragment = document.createDocumentFragment();
      var last = 0;
      text.replace(pattern, function (match, offset) {
        fragment.appendChild(document.createTextNode(text.slice(last, offset)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-gk-highlight", "");
        mark.textContent = match;
        fragment.appendChild(mark);
        last = offset + match.length;
        return match;
      });
      fragment.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(fragment, node);
    });
  }

  /* 落地页：结果所指的一节要在屏幕上（即时导航已滚到那里；标出查询词后再看一次，读者已滚动则不动） */
  function landOnSection() {
    var target = window.gongkaiHashTarget(location.hash);
    if (!target || !new URLSearchParams(location.search).get("h")) {
      return;
    }
    var top = target.getBoundingClientRect().top;
    if (top < 0 || top >= window.innerHeight) {
      target.scrollIntoView();
    }
  }

  function setUpPage() {
    setUpBox();
    highlight();
    landOnSection();
  }

  window.gongkaiOnPage(setUpPage); // from gongkai.js, loaded before this file
})();
