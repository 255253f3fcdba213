#!/usr/bin/env python3
"""Regenerates data/regions.tsv from the 2023 division codes in ../shared/data/regions.

usage: scripts/build_regions.py [SHARED_REGIONS_DIR] > data/regions.tsv

Columns (tab-separated, sorted by code):
  code     the 2023 division code (2, 4 or 6 digits; HK/MO/TW get 81, 82, 71)
  name     the standard full name (广西壮族自治区, 延边朝鲜族自治州, 秀山土家族苗族自治县)
  level    province | prefecture | county
  parent   code of the unit above, empty for provinces
  aliases  comma-separated short forms (广西; 延边州,延边; 秀山县,秀山)

Placeholders of the source (市辖区, 县, 省直辖县级行政区划) are not units: their children
hang directly under the province.
"""
import csv, json, os, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../shared/data/regions")

# The 56 ethnic groups as they occur in autonomous units' names; longest first.
ETHNIC = sorted("""汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水
东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克
德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺""".split(), key=len, reverse=True)
PLACEHOLDER = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def strip_ethnic(stem):
    """延边朝鲜族 → 延边, 海西蒙古族藏族 → 海西, 巴音郭楞蒙古 → 巴音郭楞."""
    changed = True
    while changed:
        changed = False
        for e in ETHNIC:
            for form in (e + "族", e):
                if stem.endswith(form) and len(stem) > len(form) + 1:
                    stem = stem[: -len(form)]
                    changed = True
                    break
            if changed:
                break
    return stem


def aliases(name, level):
    out = []
    m = re.match(r"^(.+?)(自治区|特别行政区)$", name)
    if level == "province":
        if m:
            out.append(strip_ethnic(m.group(1)))
        elif name.endswith(("省", "市")):
            out.append(name[:-1])
    elif level == "prefecture":
        if name.endswith("自治州"):
            stem = strip_ethnic(name[:-3])
            out += [stem + "州", stem]
        elif name.endswith(("地区",)):
            out.append(name[:-2])
        elif name.endswith(("市", "盟")) and len(name) >= 3:
            out.append(name[:-1])
    else:
        for suffix, kind in (("自治县", "县"), ("自治旗", "旗")):
            if name.endswith(suffix):
                stem = strip_ethnic(name[: -len(suffix)])
                # The bare stem (秀山) is left out: county stems are too often parts of
                # personal names and common words.
                out.append(stem + kind)
    return [a for a in dict.fromkeys(out) if len(a) >= 2 and a != name]


rows = []
with open(os.path.join(src, "provinces.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        rows.append((r["code"], r["name"], "province", ""))
with open(os.path.join(src, "cities.csv"), encoding="utf-8") as f:
    cities = {r["code"]: r for r in csv.DictReader(f)}
for code, r in cities.items():
    if r["name"] not in PLACEHOLDER:
        rows.append((code, r["name"], "prefecture", r["provinceCode"]))
with open(os.path.join(src, "areas.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        city = cities.get(r["cityCode"])
        parent = r["cityCode"] if city and city["name"] not in PLACEHOLDER else r["provinceCode"]
        rows.append((r["code"], r["name"], "county", parent))
# Hong Kong, Macao, Taiwan: province level only (their districts are not in the code list).
for code, name in (("81", "香港特别行政区"), ("82", "澳门特别行政区"), ("71", "台湾省")):
    if not any(r[1] == name for r in rows):
        rows.append((code, name, "province", ""))

rows.sort()
print("#code\tname\tlevel\tparent\taliases")
for code, name, level, parent in rows:
    print(f"{code}\t{name}\t{level}\t{parent}\t{','.join(aliases(name, level))}")
