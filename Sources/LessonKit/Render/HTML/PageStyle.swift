/// The page's inline CSS: no fonts, no CDN, nothing fetched. Its script is `PageScript`.
enum PageStyle {
    static let css = """
    :root { color-scheme:light dark; --bg:#fdfdfc; --fg:#1d1f21; --muted:#6a6f76; --line:#dde1e6; --code-bg:#f4f5f7; --out-bg:#fbfbf8;
      --accent:#2f6fdb; --kw:#a626a4; --bi:#0b7d8a; --st:#50a14f; --nu:#b76b01; --co:#8a919a; --err:#c0392b; --warn-bg:#fff5e6;
      --bar:#3fa34d; --bar-bg:#c9ced6; --train:#2f6fdb; --val:#e07b1a; }
    @media (prefers-color-scheme: dark) {
      :root { --bg:#16181b; --fg:#e4e6e9; --muted:#9aa1a9; --line:#2e3238; --code-bg:#1f2226; --out-bg:#1b1d20;
        --accent:#7aa7ff; --kw:#d58cf0; --bi:#56c2cf; --st:#98c379; --nu:#e5a25a; --co:#7d858f; --err:#ff7b6b; --warn-bg:#2b2418;
        --bar:#5cc26a; --bar-bg:#33383f; --train:#7aa7ff; --val:#f2a25c; }
    }
    * { box-sizing: border-box; }
    body { margin:0; background:var(--bg); color:var(--fg); font:16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
    a { color:var(--accent); }
    header.top { position:sticky; top:0; z-index:2; display:flex; gap:1rem; align-items:center; padding:.5rem 1rem;
      background:var(--bg); border-bottom:1px solid var(--line); }
    header.top .home { text-decoration:none; white-space:nowrap; }
    header.top .name { font-weight:600; flex:1; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
    header.top .source { color:var(--muted); font-size:.85rem; }
    button { font:inherit; color:var(--fg); background:var(--code-bg); border:1px solid var(--line); border-radius:6px; padding:.2rem .8rem; cursor:pointer; }
    .layout { display:flex; gap:2rem; max-width:1200px; margin:0 auto; padding:1rem; }
    nav.toc { flex:0 0 15rem; position:sticky; top:3.5rem; align-self:flex-start; max-height:calc(100vh - 4rem); overflow:auto; font-size:.9rem; }
    nav.toc h2 { font-size:.8rem; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:.3rem 0; }
    nav.toc ul { list-style:none; padding:0; margin:0; }
    nav.toc li { margin:.25rem 0; }
    nav.toc li.sub { padding-left:1rem; }
    nav.toc a { text-decoration:none; }
    main { flex:1; min-width:0; }
    .prose h1 { font-size:2rem; margin:.5rem 0 1rem; }
    .prose h2 { margin-top:2rem; border-bottom:1px solid var(--line); padding-bottom:.2rem; }
    .prose pre { background:var(--code-bg); padding:.75rem; border-radius:6px; overflow:auto; }
    code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size:.88rem; }
    table { border-collapse:collapse; margin:1rem 0; }
    th, td { border:1px solid var(--line); padding:.3rem .7rem; text-align:left; }
    th { background:var(--code-bg); }
    .cell { border:1px solid var(--line); border-radius:8px; margin:1rem 0 1.5rem; overflow:hidden; }
    .cell-head { display:flex; gap:.5rem; align-items:center; padding:.3rem .75rem; background:var(--code-bg); border-bottom:1px solid var(--line); font-size:.8rem; }
    .prompt { color:var(--muted); font-family:ui-monospace, monospace; margin-right:auto; }
    .step { border-radius:999px; padding:0 .6rem; background:var(--bg); border:1px solid var(--line); color:var(--accent); font-weight:600; }
    pre.code { margin:0; padding:.75rem; overflow:auto; background:var(--code-bg); }
    .kw { color:var(--kw); font-weight:600; } .bi { color:var(--bi); } .st { color:var(--st); } .nu { color:var(--nu); } .co { color:var(--co); font-style:italic; }
    .outputs { border-top:1px solid var(--line); background:var(--out-bg); padding:.5rem .75rem; }
    .output pre { margin:.2rem 0; white-space:pre-wrap; word-break:break-word; }
    .output.stderr { background:var(--warn-bg); border-left:3px solid var(--nu); padding:.2rem .5rem; margin:.3rem 0; }
    .output .stream { font-size:.7rem; text-transform:uppercase; color:var(--muted); letter-spacing:.06em; }
    .output.error pre { color:var(--err); }
    .output.notrun pre { color:var(--muted); font-style:italic; }
    .progress { display:flex; flex-wrap:nowrap; gap:.6rem; align-items:center; font-family:ui-monospace, monospace; font-size:.85rem; margin:.15rem 0; }
    .progress .count { white-space:nowrap; }
    .progress .bar { flex:0 0 auto; }
    .progress .bar { display:inline-block; width:10rem; height:.6rem; background:var(--bar-bg); border-radius:3px; overflow:hidden;
      box-shadow:inset 0 0 0 1px var(--muted); }
    .progress .fill { display:block; height:100%; background:var(--bar); }
    .progress .rest { color:var(--muted); min-width:0; }
    table.summary td:last-child, table.summary th:last-child { text-align:right; }
    .html-value { overflow-x:auto; }
    .html-value table { border-collapse:collapse; font-size:.85rem; margin:.3rem 0; }
    .html-value th, .html-value td { border:1px solid var(--line); padding:.15rem .5rem; text-align:right; }
    .html-value thead th { border-bottom-width:2px; }
    figure { margin:.75rem 0; }
    figure.plot img { max-width:100%; height:auto; background:#fff; }
    svg.chart { width:100%; max-width:680px; height:auto; }
    svg.chart .axis { stroke:var(--muted); stroke-width:1; }
    svg.chart .grid { stroke:var(--line); stroke-width:1; }
    svg.chart .tickmark { stroke:var(--muted); stroke-width:1; }
    svg.chart text { fill:var(--fg); font-size:11px; font-family:system-ui, sans-serif; }
    svg.chart .title { font-weight:600; font-size:12px; }
    svg.chart polyline { fill:none; stroke-width:2; }
    svg.chart .train polyline, svg.chart .train circle { stroke:var(--train); } svg.chart .train circle { fill:var(--train); }
    svg.chart .val polyline, svg.chart .val circle { stroke:var(--val); } svg.chart .val circle { fill:var(--val); }
    svg.chart .train .legend { fill:var(--train); } svg.chart .val .legend { fill:var(--val); }
    .cell-head .copy { font-size:.75rem; padding:0 .5rem; }
    .cell-head .copy.done { color:var(--bar); }
    .outputs .prompt.out { display:block; font-size:.75rem; }
    .outputs.empty { display:none; }
    .output.pending pre { color:var(--muted); font-style:italic; }
    .stale { opacity:.45; }
    .stale::before { content:"previous run · waiting to run again"; display:block; font-size:.75rem; color:var(--muted); font-style:italic; }
    .cell.running { border-color:var(--accent); box-shadow:0 0 0 2px color-mix(in srgb, var(--accent) 30%, transparent); }
    .cell.current-step { border-color:var(--val); box-shadow:0 0 0 2px color-mix(in srgb, var(--val) 35%, transparent); }
    .load-error pre { font-size:.95rem; }
    nav.toc a.active { font-weight:700; border-left:3px solid var(--accent); padding-left:.4rem; margin-left:-.7rem; }
    ul.site-pages { margin-bottom:1rem !important; }
    ul.site-pages li.current a { font-weight:700; color:var(--fg); }
    nav.pager { display:flex; justify-content:space-between; gap:1rem; margin:2.5rem 0 1rem; }
    nav.pager a { display:flex; flex-direction:column; border:1px solid var(--line); border-radius:8px; padding:.5rem .9rem; text-decoration:none; max-width:48%; }
    nav.pager a.next { text-align:right; margin-left:auto; }
    nav.pager small { color:var(--muted); }
    header.top .search { position:relative; }
    #search { font:inherit; font-size:.9rem; padding:.2rem .5rem; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); width:14rem; }
    #search-results { position:absolute; right:0; top:2rem; width:22rem; max-height:60vh; overflow:auto; list-style:none; margin:0; padding:.3rem;
      background:var(--bg); border:1px solid var(--line); border-radius:8px; box-shadow:0 4px 16px rgba(0,0,0,.15); }
    #search-results li { padding:.3rem .5rem; border-radius:4px; }
    #search-results li small { display:block; color:var(--muted); }
    #search-results mark { background:color-mix(in srgb, var(--nu) 35%, transparent); color:inherit; }
    .live-status { font-size:.8rem; color:var(--muted); border:1px solid var(--line); border-radius:999px; padding:0 .5rem; }
    .live-status.on { color:var(--bar); border-color:var(--bar); }
    .live-status.off { color:var(--err); border-color:var(--err); }
    .teacher-bar { position:sticky; top:2.9rem; z-index:2; display:flex; gap:.6rem; align-items:center; padding:.4rem 1rem;
      background:var(--warn-bg); border-bottom:1px solid var(--line); }
    .cell-head .teach { font-size:.75rem; padding:0 .5rem; }
    math[display="block"] { margin:.8rem 0; font-size:1.1rem; }
    .present-bar { display:none; }
    body.presenting nav.toc { display:none; }
    body.presenting .block { display:none; }
    body.presenting .block.current { display:block; font-size:1.15rem; }
    body.presenting main { max-width:960px; margin:0 auto; }
    body.presenting .present-bar { display:flex; gap:1rem; justify-content:center; align-items:center; position:fixed; bottom:0; left:0; right:0;
      padding:.5rem; background:var(--bg); border-top:1px solid var(--line); }
    @media (max-width: 800px) {
      .layout { display:block; padding:.6rem; }
      nav.toc { position:static; max-height:none; margin-bottom:1rem; }
      header.top .source { display:none; }
      .progress { flex-wrap:wrap; row-gap:0; }
      .progress .rest { flex-basis:100%; }
    }
    @media print {
      header.top, nav.toc, .present-bar, button, .teacher-bar, nav.pager, .live-status { display:none !important; }
      .prompt.out { display:none; }
      a { color:#000; }
      svg.chart text { fill:#000; }
      body { background:#fff; color:#000; font-size:11pt; }
      .layout { display:block; padding:0; }
      .block { display:block !important; }
      .cell { break-inside:avoid; }
      pre { white-space:pre-wrap; }
    }
    """
}
