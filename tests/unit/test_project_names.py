"""The project-name recogniser on short strings: each kind of non-name rejected, each kind of name kept."""
import pytest

from pipelines.extract.facts.project_names import judge, name_of, words
from pipelines.extract.facts.projects import extract_projects
from pipelines.extract.text.textmap import map_lines


def names(*lines):
    return [p.project_name for p in extract_projects(map_lines(list(lines)), None)[0]]


# --- not names ---------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", [
    "加快推进建项目", "科学谋划一批项目", "结构合理项目", "严格审批新增项目",  # a verb, adverb or adjective inside
    "精准谋划实施项目", "“深度”谋项目", "市级领导包保重大项目",
])
def test_task_phrases_and_slogans(phrase):
    assert name_of(phrase) is None


@pytest.mark.parametrize("phrase", [
    "四好农村路", "人才引进工程", "文化惠民工程", "老旧小区改造", "重点产业类项目", "民生工程",  # programmes, categories
    "“快递进村”全覆盖工程", "冷链物流项目", "特色产业集群", "数字强基工程",
])
def test_programmes_and_categories(phrase):
    assert name_of(phrase) is None


@pytest.mark.parametrize("phrase", ["社区卫生服务中心", "体育公园", "高速公路", "断头路", "村组道路", "市区道路"])
def test_generic_facilities(phrase):
    assert name_of(phrase) is None


@pytest.mark.parametrize("phrase", ["一批重点项目", "15项重点工程", "三大工程", "27项现代水网工程", "1.37亿元工程"])
def test_counts(phrase):
    assert name_of(phrase) is None


@pytest.mark.parametrize("phrase", ["省级现代农业产业园", "国家5A级景区", "西峰园区", "包头基地", "迭部项目"])
def test_designations_and_places_alone(phrase):
    assert name_of(phrase) is None


def test_sentence_fragments_give_no_project():
    assert names("通过竞争性评审争取到中央支持的城市更新示范项目。") == []
    assert names("成功申报国家级现代农业产业园。") == []
    assert names("打造我国北方著名的海产品加工集散基地。") == []
    assert names("金昌经开区、庆阳东数西算产业园入选首批国家级零碳园区建设名单。") == []


def test_counts_of_anonymous_facilities():
    assert names("新建通航机场5个。") == []
    assert names("开工建设8个抽水蓄能电站。") == []


def test_a_noun_inside_a_longer_word_ends_no_name():
    assert names("集成电路、新型显示等产业就近配套。") == []
    assert names("明确了实践路径，安装路灯120盏。") == []


# --- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", [
    "西峰至合水一级公路", "镇原至平凉公路", "西安至延安高铁",  # a route
    "打庆公路", "华二公路", "平庆铁路",  # a proper noun jieba does not know
    "科元控股天然气深加工项目", "旭阳集团35万吨己内酰胺项目",  # a company
    "鲁固直流70万千瓦风电项目", "年产20万吨双氧水项目",  # a capacity with its unit
    "庆阳一中扩建改造", "国道106东明黄河公路大桥",  # a number
    "市传染病医院", "城区污水处理厂",  # the city's own
    "简道制药一期", "雄商高铁菏泽段",  # a phase, a section
    "大赉乡温泉民宿度假区一期", "白龙江引水工程", "幸福新村安置房", "红沙梁矿区",  # places, rivers, villages
    "人民路", "学院路实验学校",  # streets
    "冷链物流基地", "汽车产业园",  # a facility named by its kind, in its report
])
def test_names_kept(phrase):
    assert name_of(phrase) == phrase


@pytest.mark.parametrize("candidate, name", [
    ("加快推进西成铁路", "西成铁路"),  # task words opening it
    ("新建市疾控中心", "市疾控中心"),
    ("“两园片区”", "两园片区"),  # a name in quotes
    ("大安污水处理厂完成提标改造", "大安污水处理厂"),  # a task after a complete name
    ("珲矿集团新建光伏发电项目", "珲矿集团光伏发电项目"),  # a building verb inside
    ("北京肽木6户企业入驻功能食品产业园", "功能食品产业园"),  # the object of a settling verb
    ("集农副产品交易功能于一体的安北农贸综合市场", "安北农贸综合市场"),
])
def test_what_a_candidate_names(candidate, name):
    assert name_of(candidate) == name


def test_why_not_says_the_kind_of_error():
    assert judge("加快推进建项目")[1] == "task"
    assert judge("文化惠民工程")[1] == "programme"
    assert judge("社区卫生服务中心")[1] == "generic"
    assert judge("三大工程")[1] == "count"


def test_named_items_of_a_list_sharing_one_verb():
    assert names("建成永乐桥、安澜桥、长虹桥。") == ["永乐桥", "安澜桥", "长虹桥"]
    assert names("加快建设西安至延安高铁、镇原至平凉公路。") == ["西安至延安高铁", "镇原至平凉公路"]
    assert names("加快九龙川、唐家河、郭家台等煤矿建设。") == ["九龙川煤矿", "唐家河煤矿", "郭家台煤矿"]
    assert names("争取后安、公婆泉等煤矿项目核准。") == ["后安煤矿", "公婆泉煤矿"]


def test_sections_and_notes_stay_with_the_road():
    assert names("开工新建德单高速梁山至郓城段、鄄城铁路货运站等一批重点交通项目。") == [
        "德单高速梁山至郓城段", "鄄城铁路货运站"]
    assert names("提升改造高平路（八一路—丹阳路）等道路6条。") == ["高平路（八一路—丹阳路）"]


def test_a_list_shares_its_last_items_noun_not_its_category():
    assert names("开工建设中国联通与京开能源、九和计算机、浙江众合大数据中心等重点项目。") == [
        "中国联通与京开能源大数据中心", "九和计算机大数据中心", "浙江众合大数据中心"]


# --- the tagger ----------------------------------------------------------------------------

def test_words_mark_proper_nouns_quotes_and_places():
    flags = {w.text: w.flag for w in words("打庆公路")}
    assert flags["打庆"] == "oov" and flags["公路"] == "n"
    assert [w.flag for w in words("“两园片区”")] == ["quote"]
    assert {w.text: w.flag for w in words("西峰快递物流园")}["西峰"] == "ns"


def test_the_tagger_cuts_as_jieba_posseg_does():
    import jieba.posseg

    from pipelines.extract.facts.project_names import _base_tokenizer, _tagger

    reference = jieba.posseg.POSTokenizer(_base_tokenizer())  # same dictionary and user words
    for text in ["科元控股天然气深加工项目", "鲁固直流70万千瓦风电项目", "CNG调峰项目2×100万千瓦", "甲 乙、丙（一期）"]:
        assert [(w.text, w.flag) for w in _tagger().cut(text)] == [
            (p.word, p.flag) for p in reference.lcut(text, HMM=False)]


# --- held-back shapes: made-up examples of the kinds of error seen in reports never tuned on --------

@pytest.mark.parametrize("phrase", ["全域土地综合整治", "固体废物综合治理", "交通拥堵综合治理"])
def test_works_on_no_one_thing_are_categories(phrase):
    assert judge(phrase) == (None, "category")


@pytest.mark.parametrize("phrase", ["东鱼河流域水环境综合整治", "南湖综合治理工程", "西郊菜市场片区改造"])
def test_works_on_a_named_thing_are_kept(phrase):
    assert name_of(phrase) == phrase


def test_a_negation_makes_a_sentence_and_lends_no_noun():
    assert names("甲山、乙河结束不通高铁历史。") == []


def test_a_frame_and_opening_particles_are_no_part_of_a_name():
    assert names("在第9届全省运动会上冬夏项目共获得金牌。") == []
    assert names("高起点建设方山口钒产业园。") == ["方山口钒产业园"]
    assert names("水果产业建成了省级苹果现代农业产业园。") == []  # a designation once 了 is dropped


def test_items_of_a_kind_of_place_get_no_noun_of_the_tail():
    assert names("建设甲江等主要江河堤防治理工程。") == []
    assert names("聚焦甲山、乙河中上游等重点区域谋划一批生态保护修复工程。") == []
    assert names("推进华亭、崇信等煤矿项目建设。") == ["华亭煤矿", "崇信煤矿"]  # a kind of facility: shared


def test_a_place_holding_he_is_not_split_at_it():
    assert names("建成和林格尔数据中心和乌兰察布物流园。") == ["和林格尔数据中心", "乌兰察布物流园"]


def test_facility_nouns_of_schools_lines_and_stations():
    assert names("长郡中学、长月二小东校区等建成开学。") == ["长郡中学", "长月二小东校区"]
    assert names("启动铜官供水加压泵站建设。") == ["铜官供水加压泵站"]
    assert names("地铁4号线北延线进入勘察阶段。") == ["地铁4号线"]  # 阶段 is no section


def test_a_course_of_action_times_and_counts_are_no_roads_or_schools():
    assert names("坚定不移地走中国特色社会主义道路。") == []  # 道路 as a course
    assert names("五年内修建公路一万公里以上。") == []  # a time
    assert names("许多业余学校由于得不到领导。") == []  # a count
    assert names("苏联走过的这条道路。") == []  # a classifier's noun
    assert names("积极谋划西绕城公路。") == ["西绕城公路"]
    assert names("新建青年路、太平路。") == ["青年路", "太平路"]  # streets named by a word


def test_deng_inside_a_word_closes_no_list():
    assert names("建成南湾、薄山等大型水库。") == ["南湾水库", "薄山水库"]  # 大型 sorts, names nothing
    assert names("建成宝鸡、汉中等机场。") == ["宝鸡机场", "汉中机场"]  # 中等 of a place
    assert names("建成太平、安平等水库。") == ["太平水库", "安平水库"]
    assert names("推进华西、湘雅等区域医疗中心建设。") == ["华西区域医疗中心", "湘雅区域医疗中心"]
    assert names("2002年高等学校在校生达到1600万人。") == []  # 高等 is a word; a year opens a statement


def test_kinds_of_school_and_adverbial_sentences_are_no_names():
    assert names("中等专业学校在校学生120万人。") == []  # a kind of school
    assert names("今后一般地不应该再新建和大规模地扩建高等学校。") == []  # 地: an adverb's particle


def test_the_vocabulary_lists_each_word_of_a_kind_once():
    from pipelines.extract.facts.project_names import word_kinds

    assert len(word_kinds()) == len(set(word_kinds()))


# --- the clause decides (a kind of work, a count, an aim, a thing that stands already) ----------

@pytest.mark.parametrize("sentence", [
    "推进战略物资储备基地建设。",  # only 推进…建设, no place, date or amount: a category
    "支持快递物流基地建设。",
    "新建70个产业链头部企业实训基地。",  # a count of anonymous ones
    "23个山海协作产业园建设扎实推进。",
    "建设现代农事综合服务中心200家以上。",
    "打造高原特色数据供给、优质数据流通、特色数据应用基地。",  # every item of an aim
    "依托岳麓山实验室开展改革试点。",  # using what stands
    "用好管好港珠澳大桥。",
    "强化广州港、深圳港国际枢纽港地位。",  # ranking what stands
    "打造我国向北开放重要窗口和东北亚地区合作中心枢纽。",  # an aim in the first piece
    "高标准完成省定20项民生工程。",  # a quota before the count names no place
    "把西藏高原建成一个真正的人间乐园。",  # what a place is to become
    "加强铁路、机场、天然气管道干线的建设。",  # bare facility nouns: kinds
    "84家医院与京津128家医院深度合作。",  # counts on both sides
    "西宁、格尔木国家物流枢纽支撑作用不断增强。",
    "子午花溪谷、庆州古城等6个景点晋升3A级景区。",  # a title
])
def test_clauses_that_name_no_project(sentence):
    assert names(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("人民广场建成投用。", ["人民广场"]),  # a concrete step makes a kind one thing
    ("投资3亿元建设冷链物流基地。", ["冷链物流基地"]),  # so does an amount
    ("2025年建成物流基地。", ["物流基地"]),  # or a date
    ("加快建设环县甜水堡零碳产业园。", ["环县甜水堡零碳产业园"]),  # a place names it
    ("加快推进北京肽木、辽宁合德等6户企业入驻功能食品产业园。", ["功能食品产业园"]),
    ("赤大白铁路开行旅客列车。", ["赤大白铁路"]),  # a line named by its ends
    ("旭盛OLED载板玻璃项目两条生产线全面建成。", ["旭盛OLED载板玻璃项目"]),  # the count is inside a named one
    ("京沈客专、张承高速等项目加快实施。", ["京沈客专", "张承高速"]),  # 客专, 城际 end a line's name
    ("廊涿城际、京雄石城际和保忻、保张铁路前期工作加快推进。", ["廊涿城际", "京雄石城际", "保忻铁路", "保张铁路"]),
    ("建成养老服务综合体30个、庆阳老人食堂。", ["庆阳老人食堂"]),
    ("两家子、红岗子、舍力3个万头肉牛养殖园区开工建设。",
     ["两家子万头肉牛养殖园区", "红岗子万头肉牛养殖园区", "舍力万头肉牛养殖园区"]),
])
def test_clauses_that_make_one_project(sentence, expected):
    assert names(sentence) == expected
