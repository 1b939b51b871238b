"""HTML reader: decoding, site chrome removal, main text, tables with rowspan/colspan."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("bs4")
pytest.importorskip("lxml")

from jixiao.errors import InputError  # noqa: E402
from jixiao.model import RawParagraph, RawTable  # noqa: E402
from jixiao.readers import read_raw  # noqa: E402
from jixiao.readers.html import decode_html, read_html  # noqa: E402

P = Path("report.html")

# An invented county finance bureau page: header/nav, breadcrumb, sidebar, article, share bar, footer.
GOV_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta charset="gb2312">
<title>松溪县农业农村局2024年度项目支出绩效自评报告_预决算公开_松溪县人民政府</title>
<style>.zoom { font-size: 16px } /* 样式里的文字不该出现 */</style>
<script>var tracker = "统计代码不该出现"; document.write("<p>脚本写出的段落</p>");</script>
</head>
<body>
<div class="top-header">
  <div class="logo"><a href="/"><img src="logo.png" alt="松溪县人民政府"></a></div>
  <div class="mainNav"><ul>
    <li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
    <li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li>
  </ul></div>
</div>
<div class="wrapper">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/yjs">预决算公开</a></div>
  <div class="left-list">
    <h3>相关文章</h3>
    <ul><li><a href="/a1">松溪县财政局2024年部门决算公开</a></li>
        <li><a href="/a2">松溪县教育局2024年度整体支出绩效自评报告</a></li>
        <li><a href="/a3">关于做好2025年预算绩效管理工作的通知</a></li></ul>
  </div>
  <div class="article">
    <h1 class="article-title">松溪县农业农村局2024年度项目支出绩效自评报告</h1>
    <div class="info">发布日期：2025-04-10　来源：松溪县农业农村局　【字号：大 中 小】【打印本页】【关闭窗口】</div>
    <div id="zoom"><div class="TRS_Editor">
      <p>根据《松溪县财政局关于开展2024年度预算绩效自评工作的通知》要求，现将我局高标准农田建设项目绩效自评情况报告如下。</p>
      <h2>一、项目基本情况</h2>
      <p>&nbsp;&nbsp;2024年度项目年初预算安排资金860.50万元，全年到位资金860.50万元，
      实际支出812.36万元，预算执行率为94.41%。</p>
      <p>项目共完成高标准农田建设1.2万亩。<br>新建灌排渠道18.6公里。<br/>受益农户2316户。</p>
      <script>console.log("正文里的脚本也不该出现")</script>
      <h2>二、绩效指标完成情况</h2>
      <table border="1" cellspacing="0">
        <tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th></tr>
        <tr><td rowspan="2">产出指标</td><td>数量指标</td><td>高标准农田建设面积</td><td>≥1.2万亩</td><td>1.2万亩</td><td>20</td><td>20</td></tr>
        <tr><td>质量指标</td><td>工程验收合格率</td><td>100%</td><td>98%</td><td>20</td><td>18</td></tr>
        <tr><td>效益指标</td><td colspan="2">受益农户满意度</td><td>≥90%</td><td>95%</td><td>10</td><td>10</td></tr>
        <tr><td colspan="5">合计</td><td>50</td><td>48</td></tr>
      </table>
      <p>三、存在的问题：部分项目区灌排设施<a href="/x">后期管护</a>责任落实不到位。</p>
    </div></div>
    <div class="bshare-custom">分享到：<a class="bshare-weixin">微信</a><a class="bshare-sinaminiblog">微博</a></div>
  </div>
</div>
<div class="footer">
  <p><a href="/wzdt">网站地图</a> | <a href="/lxwm">联系我们</a></p>
  <p>主办单位：松溪县人民政府办公室　承办单位：松溪县大数据中心</p>
  <p>闽ICP备05012345号　闽公网安备 35072502000123号　网站标识码：3507250001</p>
</div>
</body></html>
"""


def _paras(raw) -> list[str]:
    return [b.text for b in raw.blocks if isinstance(b, RawParagraph)]


def _tables(raw) -> list[RawTable]:
    return [b for b in raw.blocks if isinstance(b, RawTable)]


def _all_text(raw) -> str:
    parts = []
    for b in raw.blocks:
        if isinstance(b, RawParagraph):
            parts.append(b.text)
        else:
            parts.extend(c.text for row in b.rows for c in row)
    return "\n".join(parts)


def _grid(t: RawTable) -> list[list[str]]:
    return [[t.rows[c.origin[0]][c.origin[1]].text if c.origin else c.text for c in row] for row in t.rows]


@pytest.fixture(scope="module")
def gov_raw():
    data = GOV_PAGE.encode("gbk")
    assert data.decode("gbk") == GOV_PAGE and b"gb2312" in data
    return read_html(data, P)


def test_gbk_page_decoded_and_title_taken(gov_raw):
    assert gov_raw.meta["encoding"] == "gb18030"
    assert gov_raw.meta["title"].startswith("松溪县农业农村局2024年度项目支出绩效自评报告_")


def test_main_text_without_chrome(gov_raw):
    text = _all_text(gov_raw)
    for chrome in ("当前位置", "办事服务", "互动交流", "相关文章", "松溪县财政局2024年部门决算公开", "打印本页",
                   "关闭窗口", "字号", "分享到", "微信", "网站地图", "主办单位", "ICP备", "公网安备", "网站标识码"):
        assert chrome not in text, chrome
    paras = _paras(gov_raw)
    assert paras[0] == "松溪县农业农村局2024年度项目支出绩效自评报告"
    assert gov_raw.blocks[0].outline_level == 1
    assert paras[1].startswith("根据《松溪县财政局关于开展2024年度预算绩效自评工作的通知》")
    assert "三、存在的问题：部分项目区灌排设施后期管护责任落实不到位。" in paras
    assert gov_raw.meta.get("main_container")


def test_headings_paragraphs_and_br_lines(gov_raw):
    heads = [(b.text, b.outline_level) for b in gov_raw.blocks if isinstance(b, RawParagraph) and b.outline_level]
    assert ("一、项目基本情况", 2) in heads and ("二、绩效指标完成情况", 2) in heads
    paras = _paras(gov_raw)
    # a line break between Chinese characters in the source disappears; &nbsp; is kept as-is
    assert "\xa0\xa02024年度项目年初预算安排资金860.50万元，全年到位资金860.50万元，实际支出812.36万元，预算执行率为94.41%。" in paras
    i = paras.index("项目共完成高标准农田建设1.2万亩。")
    assert paras[i + 1:i + 3] == ["新建灌排渠道18.6公里。", "受益农户2316户。"]
    locs = [b.loc.paragraph for b in gov_raw.blocks if isinstance(b, RawParagraph)]
    assert locs == list(range(len(locs)))


def test_table_rowspan_colspan_resolved(gov_raw):
    tables = _tables(gov_raw)
    assert len(tables) == 1
    t = tables[0]
    assert t.loc.table == 0 and t.loc.part == "body"
    assert {len(r) for r in t.rows} == {7}
    assert len(t.rows) == 5
    assert t.rows[1][0].text == "产出指标" and t.rows[1][0].rowspan == 2
    assert t.rows[2][0].origin == (1, 0) and t.rows[2][0].text == ""
    assert [c.text for c in t.rows[2][1:]] == ["质量指标", "工程验收合格率", "100%", "98%", "20", "18"]
    assert t.rows[3][1].text == "受益农户满意度" and t.rows[3][1].colspan == 2 and t.rows[3][2].origin == (3, 1)
    assert t.rows[3][3].text == "≥90%"
    assert t.rows[4][0].colspan == 5 and [c.origin for c in t.rows[4][1:5]] == [(4, 0)] * 4
    assert _grid(t)[4] == ["合计"] * 5 + ["50", "48"]
    # the table sits between the second heading and the closing paragraph
    kinds = [type(b).__name__ for b in gov_raw.blocks]
    k = kinds.index("RawTable")
    assert gov_raw.blocks[k - 1].text == "二、绩效指标完成情况"


def test_script_and_style_never_appear(gov_raw):
    text = _all_text(gov_raw)
    for junk in ("统计代码不该出现", "脚本写出的段落", "正文里的脚本也不该出现", "console.log", "样式里的文字", "font-size"):
        assert junk not in text


def test_utf8_page_without_meta():
    page = ("<html><body><h2>（一）预算执行情况</h2><p>全年预算数1,200.00万元，执行数1,150.80万元。</p>"
            "<div>项目按期完工，<b>满意度</b>达到96%。</div><ul><li>培训农民320人次</li><li>建成示范基地3个</li></ul>"
            "<script>alert('弹窗文字')</script></body></html>")
    raw = read_html(page.encode("utf-8"), P)
    assert raw.meta["encoding"] == "utf-8"
    assert "title" not in raw.meta
    assert _paras(raw) == ["（一）预算执行情况", "全年预算数1,200.00万元，执行数1,150.80万元。",
                           "项目按期完工，满意度达到96%。", "培训农民320人次", "建成示范基地3个"]
    assert raw.blocks[0].outline_level == 2
    assert "chrome_removed" not in raw.meta  # a clean page keeps all its text
    assert "弹窗文字" not in _all_text(raw)


def test_gbk_page_without_declaration_is_detected():
    body = "<html><body><p>" + "本项目年度绩效目标已全部完成，资金使用规范，群众满意度较高。" * 4 + "</p></body></html>"
    text, enc = decode_html(body.encode("gb18030"))
    assert "资金使用规范" in text


def test_bom_wins_over_meta():
    page = '<html><head><meta charset="gbk"></head><body><p>自评得分为95分。</p></body></html>'
    raw = read_html(b"\xef\xbb\xbf" + page.encode("utf-8"), P)
    assert _paras(raw) == ["自评得分为95分。"]


def test_layout_table_is_descended_into():
    long_text = "本单位严格按照预算绩效管理要求组织开展自评工作，对项目资金使用和绩效目标完成情况进行了全面梳理。" * 5
    page = f"""<html><body><table width="100%"><tr><td>
      <h1>某县文化馆2024年度整体支出绩效自评报告</h1>
      <p>{long_text}</p><p>{long_text}</p><p>{long_text}</p>
      <table border="1"><tr><td>指标</td><td>目标值</td></tr><tr><td>文化活动场次</td><td>≥40场</td></tr></table>
    </td></tr></table></body></html>"""
    raw = read_html(page.encode("utf-8"), P)
    tables = _tables(raw)
    assert len(tables) == 1 and _grid(tables[0]) == [["指标", "目标值"], ["文化活动场次", "≥40场"]]
    assert raw.blocks[0].text == "某县文化馆2024年度整体支出绩效自评报告" and raw.blocks[0].outline_level == 1
    assert len(_paras(raw)) == 4


def test_cell_with_paragraphs_keeps_line_breaks():
    page = ("<html><body><table><tr><td>偏差原因</td><td><p>受汛期影响</p><p>部分工程延期</p></td></tr>"
            "<tr><td>得分</td><td>9.5</td></tr></table></body></html>")
    t = _tables(read_html(page.encode("utf-8"), P))[0]
    assert t.rows[0][1].text == "受汛期影响\n部分工程延期"


def test_ragged_rows_padded_and_bad_spans_tolerated():
    page = ("<html><body><table><tr><td rowspan='9'>项目</td><td colspan='x'>金额</td><td>备注</td></tr>"
            "<tr><td>10</td></tr></table></body></html>")
    t = _tables(read_html(page.encode("utf-8"), P))[0]
    assert {len(r) for r in t.rows} == {3}
    assert len(t.rows) == 2 and t.rows[0][0].rowspan == 2 and t.rows[1][0].origin == (0, 0)
    assert t.rows[1][1].text == "10" and t.rows[1][2].text == ""


def test_undecodable_and_non_html_input():
    with pytest.raises(InputError):
        read_html(b"\x00\x01\x02\x03" * 200, P)
    with pytest.raises(InputError) as e:
        read_html(b"PK\x03\x04" + b"\x00" * 100, P)
    assert "HTML" in e.value.zh


def test_read_raw_goes_through_the_registry(tmp_path):
    p = tmp_path / "自评报告.htm"
    p.write_bytes(GOV_PAGE.encode("gbk"))
    raw, fmt, digest = read_raw(p)
    assert fmt == "html" and len(_tables(raw)) == 1
    assert "ICP备" not in _all_text(raw)
