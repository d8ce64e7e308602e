"""What officers write: 简要警情, 处警结果, 简要案情. Short, formulaic, like the real thing."""

from __future__ import annotations

from datetime import date
from random import Random

from resolution.synthetic.people import Person
from resolution.synthetic.sampling import Weighted

NEIGHBOUR, FAMILY, TENANCY, PROPERTY, MONEY, ROMANCE, OTHER_DISPUTE = (
    "纠纷-邻里纠纷",
    "纠纷-家庭纠纷",
    "纠纷-租赁纠纷",
    "纠纷-物业纠纷",
    "纠纷-经济纠纷",
    "纠纷-婚恋纠纷",
    "纠纷-其他纠纷",
)
THEFT, FRAUD, NOISE, TRAFFIC, MISSING, HELP, FIGHT, TIP_OFF, ENQUIRY = (
    "刑事-盗窃",
    "刑事-诈骗",
    "治安-噪音扰民",
    "交通-交通事故",
    "求助-走失",
    "求助-其他求助",
    "治安-打架斗殴",
    "举报-违法犯罪线索",
    "其他-咨询",
)

_ISSUES = {
    NEIGHBOUR: (
        "噪音",
        "漏水",
        "楼道堆放杂物",
        "装修噪音",
        "宠物狗吠叫",
        "占用车位",
        "油烟",
        "空调外机滴水",
        "晾晒衣物滴水",
        "公共区域种菜",
    ),
    "rural": ("宅基地边界", "排水沟堵塞", "鸡鸭进入菜地", "建房遮挡采光", "道路通行"),
    FAMILY: ("家庭琐事", "子女教育", "赡养老人", "财产分配", "酒后吵闹", "家务分担", "经济问题"),
    TENANCY: ("押金退还", "拖欠房租", "房东擅自换锁", "提前解约", "房屋损坏赔偿", "水电费分摊"),
    PROPERTY: ("停车收费", "物业费", "电梯故障", "快递柜占用", "门禁卡", "绿化被毁"),
    MONEY: ("借款", "工程款", "货款", "工资"),
    ROMANCE: ("分手", "索要财物", "感情"),
    OTHER_DISPUTE: ("消费", "快递丢失", "外卖配送", "停车剐蹭"),
}
_NEIGHBOURS = ("楼上住户", "楼下住户", "隔壁邻居", "对门邻居")
_RELATIONS = ("丈夫", "妻子", "儿子", "女儿", "父亲", "母亲", "婆婆", "儿媳")
_DISPUTE_DETAILS = ("对方摔砸物品", "双方有推搡行为", "要求民警调解", "无人员受伤", "情绪激动")
_REPEAT_CUES = ("报警人称此前已多次报警，", "双方系多次纠纷，", "该处近期多次报警，")


def issue(rng: Random, category: str, rural: bool = False) -> str:
    return rng.choice(_ISSUES["rural" if rural and category == NEIGHBOUR else category])


def referent(person: Person) -> str:
    """How a summary names someone: 张某 (阿某 for names without a Han surname)."""
    return (person.surname or person.name[0]) + "某"


def neighbour_word(caller: Person, other: Person) -> str:
    """Where the other side lives, as the caller says it: 楼上住户, 楼下住户, 对门邻居."""
    mine, theirs = caller.home, other.home
    if not mine.building or (mine.building, mine.unit) != (theirs.building, theirs.unit):
        return "隔壁邻居"
    floor, their_floor = mine.room // 100, theirs.room // 100
    return "楼上住户" if their_floor > floor else "楼下住户" if their_floor < floor else "对门邻居"


def dispute_summary(
    rng: Random,
    category: str,
    matter: str,
    caller: Person,
    other: Person,
    repeat: int,
    witness: bool = False,
) -> str:
    """The 简要警情 of a dispute; `repeat` is the incident's number within a feud (0: one-off);
    `witness`: a neighbour called about a family row."""
    who = referent(other)
    if witness:
        text = f"报警人称邻居家中传出激烈争吵声，疑似{who}与家人因{matter}发生冲突。"
    elif category == NEIGHBOUR:
        text = rng.choice(
            (
                f"报警人称{neighbour_word(caller, other)}{matter}问题严重，双方发生口角，请求民警到场处理。",
                f"报警人称与邻居{who}因{matter}问题发生纠纷。",
                f"报警人称因{matter}上门与{who}协商未果，双方发生争执。",
            )
        )
    elif category == FAMILY:
        text = (
            f"报警人称与其{rng.choice(_RELATIONS)}因{matter}发生争吵，"
            f"{rng.choice(_DISPUTE_DETAILS)}。"
        )
    elif category == TENANCY:
        text = f"报警人称与{rng.choice(('房东', '租客'))}{who}因{matter}问题发生纠纷。"
    elif category == PROPERTY:
        text = f"报警人称与小区物业人员{who}因{matter}问题发生争执。"
    elif category == MONEY:
        text = f"报警人称{who}欠其{matter}{rng.randrange(2, 200) * 500}元至今未还，双方发生纠纷。"
    elif category == ROMANCE:
        partner = "男友" if other.gender == "M" else "女友"
        text = (
            f"报警人称前{partner}{who}因{matter}问题纠缠不休，"
            f"{rng.choice(('在楼下堵人', '多次上门吵闹', '发短信辱骂'))}。"
        )
    else:
        text = f"报警人称与{who}因{matter}问题发生纠纷。"
    return (rng.choice(_REPEAT_CUES) if repeat >= 2 else "") + text


def call_summary(rng: Random, category: str, place: str) -> str:
    """The 简要警情 of an incident that is not a dispute."""
    amount = rng.randrange(1, 400) * 100
    return rng.choice(
        {
            THEFT: (
                f"报警人称其停放在{place}的电动车被盗。",
                f"报警人称家中被盗，丢失现金{amount}元及首饰若干。",
                "报警人称快递被人冒领。",
            ),
            FRAUD: (
                f"报警人称接到自称{rng.choice(('客服', '公检法工作人员', '领导'))}的电话，被骗{amount}元。",
                f"报警人称网上刷单被骗{amount}元。",
            ),
            NOISE: (
                f"报警人称{rng.choice(_NEIGHBOURS)}深夜噪音扰民，影响休息。",
                f"报警人称{place}有人跳广场舞音响声音过大。",
            ),
            TRAFFIC: (
                f"报警人称在{place}与一辆{rng.choice(('小型轿车', '电动自行车', '出租车', '货车'))}"
                f"发生碰擦，{rng.choice(('无人员受伤', '一人轻微受伤'))}。",
            ),
            MISSING: (
                f"报警人称其{rng.choice(('父亲', '母亲', '儿子', '女儿'))}外出未归，请求帮助寻找。",
            ),
            HELP: (
                "报警人称被反锁门外，请求帮助。",
                "报警人称被困电梯内。",
                "报警人称家中老人摔倒，请求帮助。",
            ),
            FIGHT: (f"报警人称{place}有人打架。",),
            TIP_OFF: (f"报警人举报{place}有人聚众赌博。",),
            ENQUIRY: (
                f"报警人咨询{rng.choice(('户籍办理', '居住证办理', '出入境', '车辆违章'))}事宜。",
            ),
        }[category]
    )


_DISPUTE_OUTCOMES = Weighted.of(
    {
        "当场调解": 0.35,
        "已调解": 0.15,
        "移交社区": 0.2,
        "建议诉讼": 0.1,
        "双方协商解决": 0.1,
        "告知处理途径": 0.1,
    }
)
_CALL_OUTCOMES = {
    THEFT: ("已受理",),
    FRAUD: ("已受理",),
    NOISE: ("当场劝解", "已处置"),
    TRAFFIC: ("移交交警处理",),
    MISSING: ("已找到", "已协助寻找"),
    HELP: ("已帮助",),
    FIGHT: ("到场时双方已离开", "已处置"),
    TIP_OFF: ("已核查",),
    ENQUIRY: ("已解答",),
}


def disposition(rng: Random, category: str, repeat: int, case_type: str | None) -> str:
    """处警结果: mediated, handed to the community, or a case opened."""
    if case_type:
        return "受理为治安案件" if case_type in ADMINISTRATIVE else "立案侦查"
    if category.startswith("纠纷"):
        if repeat >= 3 and rng.random() < 0.4:
            return rng.choice(("移交社区", "移交人民调解委员会"))
        return _DISPUTE_OUTCOMES.pick(rng)
    return rng.choice(_CALL_OUTCOMES.get(category, ("已处置",)))


# --- cases ---

ASSAULT, AFFRAY, DAMAGE, BEATING, TRESPASS = (
    "故意伤害",
    "寻衅滋事",
    "故意毁坏财物",
    "殴打他人",
    "非法侵入住宅",
)
CASE_THEFT, CASE_FRAUD, GAMBLING, DRUGS, DRUNK_DRIVING = "盗窃", "诈骗", "赌博", "吸毒", "危险驾驶"
ADMINISTRATIVE = (BEATING, GAMBLING, DRUGS)
"""Case types handled as 治安案件 (administrative) rather than criminal cases."""

ESCALATIONS = {
    NEIGHBOUR: (ASSAULT, DAMAGE, BEATING, AFFRAY),
    FAMILY: (ASSAULT, BEATING),
    TENANCY: (DAMAGE, TRESPASS, BEATING),
    MONEY: (AFFRAY, ASSAULT, BEATING),
    PROPERTY: (DAMAGE, AFFRAY, BEATING),
    ROMANCE: (ASSAULT, AFFRAY, BEATING),
    OTHER_DISPUTE: (BEATING, DAMAGE),
    FIGHT: (BEATING, AFFRAY),
    NOISE: (BEATING, DAMAGE),
}
"""What a dispute turns into when it escalates, by the incident's category."""

CASE_STATUSES = Weighted.of(
    {"已立案": 0.1, "侦查中": 0.2, "已破案": 0.2, "已移送起诉": 0.15, "已结案": 0.3, "已撤案": 0.05}
)


def case_summary(
    rng: Random,
    case_type: str,
    day: date,
    suspect: Person | None,
    victim: Person | None,
    matter: str,
) -> str:
    when = f"{day.year}年{day.month}月{day.day}日"
    s = referent(suspect) if suspect else "嫌疑人"
    v = referent(victim) if victim else "被害人"
    amount = rng.randrange(5, 500) * 100
    return {
        ASSAULT: f"{when}，{s}与{v}因{matter}发生争执，{s}持械将{v}打伤，经鉴定为{rng.choice(('轻伤二级', '轻伤一级', '轻微伤'))}。",
        AFFRAY: f"{when}，{s}因{matter}多次到{v}处辱骂滋事，情节恶劣。",
        DAMAGE: f"{when}，{s}因{matter}与{v}发生矛盾，砸坏{v}的{rng.choice(('门窗', '车辆', '监控设备'))}，价值{amount}元。",
        BEATING: f"{when}，{s}与{v}因{matter}发生口角，{s}殴打{v}。",
        TRESPASS: f"{when}，{s}因{matter}未经允许强行进入{v}住处。",
        CASE_THEFT: f"{when}，{v}的{rng.choice(('电动自行车', '手机', '现金', '首饰'))}被盗，价值{amount}元。",
        CASE_FRAUD: f"{v}被以{rng.choice(('刷单返利', '冒充客服退款', '投资理财', '冒充公检法'))}为名骗取人民币{amount}元。",
        GAMBLING: f"{when}，民警查获{s}等人聚众赌博，现场查获赌资{amount}元。",
        DRUGS: f"{when}，民警巡逻时发现{s}形迹可疑，经检测吸毒呈阳性。",
        DRUNK_DRIVING: f"{when}，{s}醉酒驾驶机动车被查获，血液酒精含量{rng.randint(80, 260)}mg/100ml。",
    }[case_type]
