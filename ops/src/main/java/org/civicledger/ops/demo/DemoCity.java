package org.civicledger.ops.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.common.NationalId;

/**
 * A synthetic city, Taipei-like, made from a seed: its agencies, its case types and the cases citizens bring.
 *
 * <p>Everything is derived from {@link SplittableRandom}s seeded from {@link #seed()}; nothing reads the
 * clock or another source of randomness, so the same seed gives the same city on every machine. The
 * figures follow DESIGN.md's workload: {@value #AGENCY_COUNT} agencies and {@value #CASE_TYPE_COUNT} case types.
 * This class only plans; {@link DemoCityLoader} turns the plan into commands.
 */
public final class DemoCity {

    public static final long DEFAULT_SEED = 20_250_101L;
    public static final int AGENCY_COUNT = 145;
    public static final int CASE_TYPE_COUNT = 1_400;
    public static final int REQUIRED_DOCUMENTS_MAX = 4;
    public static final int STATUTORY_DAYS_MAX = 60;
    public static final long FEE_MIN_TWD = 100;
    public static final long FEE_MAX_TWD = 5_000;

    /** The kinds of supporting documents case types ask for; codes as in a case type's required documents. */
    public static final List<String> DOCUMENT_KINDS = List.of(
            "id-card-copy", "household-certificate", "land-title", "building-title", "application-form", "photo",
            "proof-of-income", "medical-certificate", "tax-certificate", "vehicle-registration", "company-registration",
            "power-of-attorney", "floor-plan", "lease-contract", "bank-account-copy", "school-enrolment-certificate");

    /** Where a case is left at the end of the demo; every state of the case lifecycle, and the notable side paths. */
    public enum TargetState {
        SUBMITTED, ACCEPTED, IN_REVIEW, SUPPLEMENT_REQUESTED, SUPPLEMENT_PROVIDED, EXTENDED,
        APPROVED, REJECTED, CLOSED, WITHDRAWN, TRANSFERRED
    }

    /** Relative frequency of each target state, in the order of {@link TargetState}: mostly decided, some in flight. */
    private static final int[] STATE_WEIGHTS = {8, 8, 12, 6, 6, 5, 20, 6, 15, 6, 8};

    public enum AgencyKind { BUREAU, OFFICE, DISTRICT_OFFICE, HOUSEHOLD_REGISTRATION, LAND_OFFICE, HEALTH_CENTRE,
        POLICE_PRECINCT, CLEANING_SQUAD, SPORTS_CENTRE, FIRE_BRIGADE }

    public record AgencySpec(String code, String name, AgencyKind kind) {
    }

    public record CaseTypeSpec(String code, String agencyCode, String name, List<String> requiredDocuments, long feeTwd,
                               int statutoryDays) {
    }

    /** One planned case: who applies for what, and how far the demo takes it. */
    public record CaseSpec(int number, String caseId, CaseTypeSpec caseType, Applicant applicant, TargetState target,
                           String transferToAgencyCode, int extensionDays, boolean rejected) {
    }

    static final String[] DISTRICTS = {"松山", "信義", "大安", "中山", "中正", "大同", "萬華", "文山", "南港", "內湖", "士林", "北投"};

    private static final String[][] BUREAUS = {
        {"民政局", "Department of Civil Affairs"}, {"財政局", "Department of Finance"}, {"教育局", "Department of Education"},
        {"產業發展局", "Department of Economic Development"}, {"工務局", "Public Works Department"},
        {"交通局", "Department of Transportation"}, {"社會局", "Department of Social Welfare"}, {"勞動局", "Department of Labor"},
        {"警察局", "Police Department"}, {"衛生局", "Department of Health"}, {"環境保護局", "Department of Environmental Protection"},
        {"都市發展局", "Department of Urban Development"}, {"文化局", "Department of Cultural Affairs"},
        {"消防局", "Fire Department"}, {"捷運工程局", "Department of Rapid Transit Systems"},
        {"臺北自來水事業處", "Taipei Water Department"}, {"觀光傳播局", "Department of Information and Tourism"},
        {"地政局", "Department of Land Administration"}, {"兵役局", "Department of Military Service"},
        {"體育局", "Department of Sports"}, {"資訊局", "Department of Information Technology"}, {"法務局", "Department of Legal Affairs"},
        {"客家事務委員會", "Hakka Affairs Commission"}, {"原住民族事務委員會", "Indigenous Peoples Commission"},
        {"秘書處", "Secretariat"}, {"主計處", "Department of Budget, Accounting and Statistics"}, {"人事處", "Department of Personnel"},
        {"政風處", "Department of Civil Service Ethics"}, {"研究發展考核委員會", "Research, Development and Evaluation Commission"},
        {"都市計畫委員會", "Urban Planning Commission"}, {"青年局", "Youth Department"}, {"稅捐稽徵處", "Revenue Service Office"},
        {"動物保護處", "Animal Protection Office"}, {"市場處", "Market Administration Office"},
    };

    private static final String[] OFFICES = {
        "建築管理工程處", "公園路燈工程管理處", "新建工程處", "衛生下水道工程處", "水利工程處", "大地工程處", "停車管理工程處",
        "公共運輸處", "交通管制工程處", "商業處", "殯葬管理處", "就業服務處", "勞動檢查處", "職能發展學院",
        "家庭暴力暨性侵害防治中心", "市立聯合醫院", "市立動物園", "市立圖書館", "都市更新處", "交通事件裁決所",
        "環保局環境清潔管理處", "市立美術館", "孔廟管理委員會", "翡翠水庫管理局", "市立天文科學教育館",
    };

    private static final String[] PRECINCTS = {"中正第一", "中正第二", "大同", "萬華", "中山", "大安", "信義", "松山",
        "南港", "內湖", "士林", "北投", "文山第一", "文山第二"};

    private static final String[] LAND_OFFICES = {"松山", "士林", "古亭", "建成", "中山", "大安"};

    /** Service names by kind of agency; a case type is one of them, varied when an agency offers it more than once. */
    private static final String[] BUREAU_SERVICES = {
        "低收入戶申請", "中低收入戶申請", "身心障礙證明申請", "急難救助申請", "育兒津貼申請", "老人福利津貼申請", "建築執照申請",
        "使用執照申請", "雜項執照申請", "拆除執照申請", "路邊停車費申訴", "身心障礙者停車證申請", "道路挖掘許可申請", "騎樓整平申請",
        "營利事業登記", "商業登記設立", "商業登記變更", "工廠登記", "攤販許可證申請", "市場攤位承租申請", "餐飲業衛生許可",
        "醫療機構開業登記", "藥商許可執照", "噪音陳情", "環境污染陳情", "廢棄物清運申請", "水污染防治許可", "空氣污染防制許可",
        "勞資爭議調解申請", "職業訓練補助申請", "外籍勞工聘僱許可", "勞工退休金爭議申訴", "房屋稅籍登記", "地價稅減免申請",
        "使用牌照稅減免申請", "娛樂稅申報", "印花稅繳款書補發", "學生學籍證明", "幼兒園入園補助申請", "課後照顧申請",
        "場地借用申請", "街頭藝人證照申請", "文化資產修復補助", "藝文補助申請", "公園場地使用申請", "路燈故障通報",
        "自來水新裝申請", "自來水過戶申請", "水費退費申請", "消防安全設備檢修申報", "危險物品場所許可", "捷運沿線開發許可",
        "都市更新事業計畫申請", "容積移轉申請", "違章建築檢舉", "寵物登記", "犬貓絕育補助申請", "役男出境申請", "替代役申請",
        "兵役證明書申請", "運動場館租借申請", "個人資料查詢申請", "政府資訊公開申請", "國家賠償請求", "消費爭議申訴",
        "青年創業貸款利息補貼", "原住民族建購住宅補助", "客語認證獎勵申請", "公務人員陳情",
    };
    private static final String[] DISTRICT_SERVICES = {
        "里鄰活動場地借用", "中低收入老人生活津貼申請", "國民年金保險費補助", "急難救助申請", "殯葬設施使用申請", "兵役申請",
        "調解申請", "災害救助申請", "社區發展協會立案", "區民活動中心借用", "托育補助申請", "敬老卡申請",
    };
    private static final String[] HOUSEHOLD_SERVICES = {
        "戶籍謄本申請", "出生登記", "死亡登記", "結婚登記", "離婚登記", "遷入登記", "遷出登記", "初領國民身分證",
        "換發國民身分證", "補發國民身分證", "印鑑登記", "印鑑證明申請", "姓名變更登記", "收養登記",
    };
    private static final String[] LAND_SERVICES = {
        "土地登記謄本申請", "建物登記謄本申請", "買賣移轉登記", "繼承登記", "抵押權設定登記", "抵押權塗銷登記",
        "土地複丈申請", "建物測量申請", "地籍圖謄本申請", "書狀換給申請", "住址變更登記", "信託登記",
    };
    private static final String[] HEALTH_SERVICES = {
        "預防接種紀錄申請", "成人健康檢查預約", "癌症篩檢預約", "戒菸門診轉介", "長期照顧服務申請", "居家護理申請",
        "心理諮商預約", "營養諮詢申請", "傳染病通報", "健康證明申請",
    };
    private static final String[] POLICE_SERVICES = {
        "良民證申請", "交通事故資料申請", "遺失物招領", "集會遊行申請", "道路使用許可", "車輛失竊報案證明", "家戶訪查申請",
    };
    private static final String[] CLEANING_SERVICES = {
        "大型廢棄物清運預約", "資源回收申請", "環境髒亂陳情", "水溝清疏申請", "病媒蚊孳生源陳情", "專用垃圾袋販售點申請",
    };
    private static final String[] SPORTS_SERVICES = {
        "場館會員申請", "場地租借申請", "運動課程報名", "身心障礙者優惠證申請", "團體包場申請",
    };
    private static final String[] FIRE_SERVICES = {
        "消防安全檢查申請", "救護紀錄證明申請", "防火管理人講習報名", "住宅用火災警報器申請", "消防演練支援申請",
    };
    private static final String[] VARIANTS = {"", "（變更）", "（補發）", "（換發）", "（註銷）", "（展延）", "（線上）",
        "（臨櫃）", "（代理申請）", "（複查）", "（延期）", "（撤回）"};

    private static final String[] SURNAMES = {"陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭",
        "謝", "洪", "郭", "邱", "曾", "廖", "賴", "徐"};
    private static final String[] GIVEN_NAME_CHARACTERS = {"志", "明", "俊", "傑", "建", "宏", "怡", "君", "淑", "芬",
        "雅", "婷", "家", "豪", "冠", "宇", "承", "恩", "思", "妤", "子", "涵", "柏", "翰", "佳", "穎", "文", "華"};
    /** Leading letters of national IDs, weighted toward Taipei (A) the way a city's residents are. */
    private static final String ID_LETTERS = "AAAAAAAAFFFHBEDJKQRTUVWXZ";

    private final long seed;
    private final List<AgencySpec> agencies;
    private final List<CaseTypeSpec> caseTypes;

    public DemoCity(long seed) {
        this.seed = seed;
        this.agencies = List.copyOf(planAgencies());
        this.caseTypes = List.copyOf(planCaseTypes(new SplittableRandom(seed)));
    }

    public long seed() {
        return seed;
    }

    public List<AgencySpec> agencies() {
        return agencies;
    }

    public List<CaseTypeSpec> caseTypes() {
        return caseTypes;
    }

    /** The agencies' names and codes are fixed data (a city's organisation chart is not random); the seed varies the rest. */
    private static List<AgencySpec> planAgencies() {
        List<AgencySpec> list = new ArrayList<>();
        for (int i = 0; i < BUREAUS.length; i++) {
            list.add(new AgencySpec(code('A', i + 1), "臺北市政府" + BUREAUS[i][0] + " " + BUREAUS[i][1], AgencyKind.BUREAU));
        }
        for (int i = 0; i < OFFICES.length; i++) {
            list.add(new AgencySpec(code('B', i + 1), "臺北市" + OFFICES[i], AgencyKind.OFFICE));
        }
        for (int i = 0; i < DISTRICTS.length; i++) {
            list.add(new AgencySpec(code('D', i + 1), "臺北市" + DISTRICTS[i] + "區公所", AgencyKind.DISTRICT_OFFICE));
        }
        for (int i = 0; i < DISTRICTS.length; i++) {
            list.add(new AgencySpec(code('H', i + 1), "臺北市" + DISTRICTS[i] + "區戶政事務所", AgencyKind.HOUSEHOLD_REGISTRATION));
        }
        for (int i = 0; i < LAND_OFFICES.length; i++) {
            list.add(new AgencySpec(code('L', i + 1), "臺北市" + LAND_OFFICES[i] + "地政事務所", AgencyKind.LAND_OFFICE));
        }
        for (int i = 0; i < DISTRICTS.length; i++) {
            list.add(new AgencySpec(code('C', i + 1), "臺北市" + DISTRICTS[i] + "區健康服務中心", AgencyKind.HEALTH_CENTRE));
        }
        for (int i = 0; i < PRECINCTS.length; i++) {
            list.add(new AgencySpec(code('P', i + 1), "臺北市政府警察局" + PRECINCTS[i] + "分局", AgencyKind.POLICE_PRECINCT));
        }
        for (int i = 0; i < DISTRICTS.length; i++) {
            list.add(new AgencySpec(code('E', i + 1), "臺北市政府環境保護局" + DISTRICTS[i] + "區清潔隊", AgencyKind.CLEANING_SQUAD));
        }
        for (int i = 0; i < DISTRICTS.length; i++) {
            list.add(new AgencySpec(code('S', i + 1), "臺北市" + DISTRICTS[i] + "運動中心", AgencyKind.SPORTS_CENTRE));
        }
        for (int i = 0; list.size() < AGENCY_COUNT; i++) {
            list.add(new AgencySpec(code('F', i + 1), "臺北市政府消防局第" + "一二三四五六七八九".charAt(i) + "救災救護大隊",
                    AgencyKind.FIRE_BRIGADE));
        }
        if (list.size() != AGENCY_COUNT) {
            throw new IllegalStateException("the demo city plans " + list.size() + " agencies, not " + AGENCY_COUNT);
        }
        return list;
    }

    private static String code(char group, int number) {
        return String.format("TCG-%c%02d", group, number);
    }

    private static String[] servicesOf(AgencyKind kind) {
        return switch (kind) {
            case BUREAU, OFFICE -> BUREAU_SERVICES;
            case DISTRICT_OFFICE -> DISTRICT_SERVICES;
            case HOUSEHOLD_REGISTRATION -> HOUSEHOLD_SERVICES;
            case LAND_OFFICE -> LAND_SERVICES;
            case HEALTH_CENTRE -> HEALTH_SERVICES;
            case POLICE_PRECINCT -> POLICE_SERVICES;
            case CLEANING_SQUAD -> CLEANING_SERVICES;
            case SPORTS_CENTRE -> SPORTS_SERVICES;
            case FIRE_BRIGADE -> FIRE_SERVICES;
        };
    }

    /** Bureaus offer many services, a fire brigade few: the weight is an agency's share of the case types. */
    private static int weightOf(AgencyKind kind) {
        return switch (kind) {
            case BUREAU -> 5;
            case OFFICE -> 3;
            case DISTRICT_OFFICE, HOUSEHOLD_REGISTRATION, LAND_OFFICE -> 2;
            default -> 1;
        };
    }

    private List<CaseTypeSpec> planCaseTypes(SplittableRandom random) {
        // Each agency gets at least three case types; the rest are dealt out one by one in proportion to weight.
        int[] counts = new int[agencies.size()];
        int totalWeight = 0;
        for (int i = 0; i < agencies.size(); i++) {
            counts[i] = 3;
            totalWeight += weightOf(agencies.get(i).kind());
        }
        for (int dealt = 3 * agencies.size(); dealt < CASE_TYPE_COUNT; dealt++) {
            int ticket = random.nextInt(totalWeight);
            for (int i = 0; i < agencies.size(); i++) {
                ticket -= weightOf(agencies.get(i).kind());
                if (ticket < 0) {
                    counts[i]++;
                    break;
                }
            }
        }
        List<CaseTypeSpec> list = new ArrayList<>(CASE_TYPE_COUNT);
        for (int i = 0; i < agencies.size(); i++) {
            AgencySpec agency = agencies.get(i);
            String[] services = servicesOf(agency.kind());
            // A shuffled run through the services, then variants of them, so names within an agency are unique.
            List<Integer> order = new ArrayList<>();
            for (int s = 0; s < services.length; s++) {
                order.add(s);
            }
            shuffle(order, random);
            for (int n = 0; n < counts[i]; n++) {
                String name = services[order.get(n % services.length)] + VARIANTS[(n / services.length) % VARIANTS.length];
                list.add(new CaseTypeSpec(String.format("%s-S%03d", agency.code(), n + 1), agency.code(), name,
                        requiredDocuments(random), fee(random), 1 + random.nextInt(STATUTORY_DAYS_MAX)));
            }
        }
        return list;
    }

    private static List<String> requiredDocuments(SplittableRandom random) {
        int count = random.nextInt(REQUIRED_DOCUMENTS_MAX + 1);
        Set<String> kinds = new LinkedHashSet<>();
        while (kinds.size() < count) {
            kinds.add(DOCUMENT_KINDS.get(random.nextInt(DOCUMENT_KINDS.size())));
        }
        return List.copyOf(kinds);
    }

    /** Half the services are free; the others cost NT$100 to NT$5,000 in steps of ten dollars. */
    private static long fee(SplittableRandom random) {
        if (random.nextBoolean()) {
            return 0;
        }
        return FEE_MIN_TWD + 10L * random.nextInt((int) ((FEE_MAX_TWD - FEE_MIN_TWD) / 10) + 1);
    }

    private static <T> void shuffle(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    /**
     * The first {@code count} cases. Case {@code n} depends only on the seed and {@code n}, so a larger run
     * starts with the cases of a smaller one. The first cases take each target state in turn, so even a
     * small run has a case in every state; the rest follow {@link #STATE_WEIGHTS}.
     */
    public List<CaseSpec> cases(int count) {
        List<CaseSpec> list = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            list.add(caseNumber(n));
        }
        return list;
    }

    public CaseSpec caseNumber(int n) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + n);
        TargetState[] states = TargetState.values();
        TargetState target = n <= states.length ? states[n - 1] : states[pick(random, STATE_WEIGHTS)];
        CaseTypeSpec caseType = caseTypes.get(random.nextInt(caseTypes.size()));
        String transferTo = null;
        if (target == TargetState.TRANSFERRED) {
            do {
                transferTo = agencies.get(random.nextInt(agencies.size())).code();
            } while (transferTo.equals(caseType.agencyCode()));
        }
        int extensionDays = 1 + random.nextInt(caseType.statutoryDays());
        boolean rejected = random.nextInt(4) == 0;
        return new CaseSpec(n, String.format("demo-%d-c%06d", seed, n), caseType, applicant(n, random), target, transferTo,
                extensionDays, rejected);
    }

    /** A citizen of the demo city; the same number always gives the same person. */
    public static String citizenSubject(int n) {
        return String.format("citizen-%06d", n);
    }

    private static Applicant applicant(int n, SplittableRandom random) {
        char letter = ID_LETTERS.charAt(random.nextInt(ID_LETTERS.length()));
        char sex = random.nextBoolean() ? '1' : '2';
        String firstNine = "" + letter + sex + String.format("%07d", random.nextInt(10_000_000));
        NationalId id = NationalId.withCheckDigit(firstNine);
        String name = SURNAMES[random.nextInt(SURNAMES.length)]
                + GIVEN_NAME_CHARACTERS[random.nextInt(GIVEN_NAME_CHARACTERS.length)]
                + GIVEN_NAME_CHARACTERS[random.nextInt(GIVEN_NAME_CHARACTERS.length)];
        String subject = citizenSubject(n);
        // Most applicants give both channels; some only a phone, some only an e-mail address.
        int channels = random.nextInt(10);
        String email = channels == 0 ? null : subject + "@example.org";
        String phone = channels == 1 ? null : String.format("09%08d", random.nextInt(100_000_000));
        return new Applicant(subject, id, name, email, phone);
    }

    private static int pick(SplittableRandom random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int ticket = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /** The officer who works a case at an agency in the demo; one per agency is enough to exercise the rules. */
    public static String officerSubject(String agencyCode) {
        return "officer-" + agencyCode.toLowerCase() + "-01";
    }
}
