package org.civicledger.ops.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.civicledger.events.payments.BillReference;
import org.civicledger.events.payments.Payer;
import org.civicledger.events.cases.Applicant;
import org.civicledger.events.reference.FeeKind;
import org.civicledger.events.reference.ProviderKind;

/**
 * The demo city's payments, planned from a seed: its {@value #FEE_CLASS_COUNT} fee classes (government fees,
 * local taxes and {@value #FINE_COUNT} kinds of fines, each owned by an agency of {@link DemoCity}), its
 * {@value #PROVIDER_COUNT} payment providers, and a history of bills and what became of them.
 *
 * <p>Like {@link DemoCity} this class only plans, from {@link SplittableRandom}s seeded by the city's seed:
 * the same seed gives the same bills on every machine. {@link DemoPaymentsLoader} turns the plan into commands
 * and signed callbacks.
 */
public final class DemoPayments {

    public static final int FEE_CLASS_COUNT = 89;
    public static final int FINE_COUNT = 24;
    public static final int PROVIDER_COUNT = 22;
    /** The citizen whose bills `ledger demo` prints: the first applicant of the demo city. */
    public static final int DEMO_PAYER_NUMBER = 1;
    /** Bills are issued over this many past days. */
    public static final int HISTORY_DAYS = 60;

    /** A fee class: its amount is the default when given, otherwise each bill names one between min and max. */
    public record FeeClassSpec(String code, String name, FeeKind kind, String agencyCode, Long defaultTwd, long minTwd, long maxTwd) {

        public String revenueAccount() {
            return "revenue:" + agencyCode + ":" + code;
        }
    }

    public record ProviderSpec(String code, String name, ProviderKind kind, List<String> channels) {

        /** The reference under which the embedded store keeps (and generates) the provider's callback secret. */
        public String callbackSecretRef() {
            return "provider-secret/" + code + "/demo";
        }
    }

    /** What the demo does with a bill after issuing it. */
    public enum BillOutcome {
        /** Left open, due in the future. */
        OPEN,
        /** Paid through a provider: initiated, authorized, succeeded (signed callbacks). */
        PAID,
        /** A first attempt fails (the provider says why), a second succeeds. */
        PAID_AFTER_FAILURE,
        /** One attempt, failed; the bill stays open. */
        FAILED,
        /** The payer never finished: the payment expires after its time to finish. */
        EXPIRED,
        /** Paid, then partly refunded by the owning agency. */
        PARTLY_REFUNDED,
        /** Paid, then wholly refunded. */
        REFUNDED,
        /** Never paid; its due date is past, so its deadline flags it overdue. */
        OVERDUE,
        /** Cancelled by the agency before payment. */
        CANCELLED
    }

    /** Relative frequency of each outcome, in the order of {@link BillOutcome}. */
    private static final int[] OUTCOME_WEIGHTS = {14, 46, 6, 4, 4, 3, 2, 12, 3};

    /**
     * One planned bill. Times are offsets back from the moment of loading: issued {@code issuedMinutesAgo}
     * minutes ago, paid (when it is) {@code paidMinutesAgo} minutes ago, due {@code dueDaysAfterIssue} days
     * after the day it was issued.
     */
    public record BillSpec(int number, String billId, FeeClassSpec feeClass, int payerNumber, Payer payer, long amountTwd,
                           BillReference reference, long issuedMinutesAgo, int dueDaysAfterIssue, BillOutcome outcome,
                           ProviderSpec provider, String channel, long paidMinutesAgo) {

        public String paymentId(int attempt) {
            return billId.replace("-b", "-p") + "-" + attempt;
        }
    }

    private final long seed;
    private final List<FeeClassSpec> feeClasses;
    private final List<ProviderSpec> providers;

    public DemoPayments(long seed) {
        this.seed = seed;
        this.feeClasses = planFeeClasses();
        this.providers = planProviders();
    }

    public List<FeeClassSpec> feeClasses() {
        return feeClasses;
    }

    public List<ProviderSpec> providers() {
        return providers;
    }

    public ProviderSpec provider(String code) {
        return providers.stream().filter(provider -> provider.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo provider " + code));
    }

    /**
     * The first {@code count} bills; bill n is the same whatever the count. The first three are the demo
     * payer's (one paid, one open to try paying, one overdue); the first outcomes are taken in turn so that even
     * a small history has every outcome; the rest follow {@link #OUTCOME_WEIGHTS}.
     */
    public List<BillSpec> bills(DemoCity city, int count) {
        List<BillSpec> list = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            list.add(bill(city, n));
        }
        return list;
    }

    public BillSpec bill(DemoCity city, int n) {
        SplittableRandom random = new SplittableRandom(seed * 7_000_003L + n);
        BillOutcome[] outcomes = BillOutcome.values();
        int payerNumber;
        BillOutcome outcome;
        FeeClassSpec feeClass;
        if (n <= 3) {
            payerNumber = DEMO_PAYER_NUMBER;
            outcome = new BillOutcome[] {BillOutcome.PAID, BillOutcome.OPEN, BillOutcome.OVERDUE}[n - 1];
            feeClass = feeClass(new String[] {"TAX-HOUSE", "FINE-PARKING", "TAX-VEHICLE-LICENSE"}[n - 1]);
        } else {
            payerNumber = 2 + random.nextInt(2_000);
            outcome = n - 3 <= outcomes.length ? outcomes[n - 4] : outcomes[pick(random, OUTCOME_WEIGHTS)];
            feeClass = feeClasses.get(random.nextInt(feeClasses.size()));
        }
        long amount = feeClass.defaultTwd() != null ? feeClass.defaultTwd()
                : roundTo(feeClass.minTwd() + random.nextLong(feeClass.maxTwd() - feeClass.minTwd() + 1), feeClass.minTwd() >= 1_000 ? 10 : 1);
        int dueDays = feeClass.kind() == FeeKind.LOCAL_TAX ? 30 : feeClass.kind() == FeeKind.FINE ? 15 + random.nextInt(16) : 7 + random.nextInt(24);
        long minutesPerDay = 24 * 60;
        long issuedMinutesAgo;
        long paidMinutesAgo = 0;
        switch (outcome) {
            case OVERDUE -> issuedMinutesAgo = (dueDays + 2 + random.nextInt(Math.max(1, HISTORY_DAYS - dueDays - 2))) * minutesPerDay
                    + random.nextInt(600);
            case OPEN -> issuedMinutesAgo = random.nextInt(Math.max(1, dueDays - 1)) * minutesPerDay + 120 + random.nextInt(600);
            default -> {
                issuedMinutesAgo = (1 + random.nextInt(HISTORY_DAYS)) * minutesPerDay + random.nextInt(600);
                // Paid between an hour after issue and three hours ago, within the due period for most.
                long window = Math.min(issuedMinutesAgo - 180, (long) dueDays * minutesPerDay);
                paidMinutesAgo = issuedMinutesAgo - 60 - random.nextLong(Math.max(1, window - 60));
            }
        }
        ProviderSpec provider = providers.get(random.nextInt(providers.size()));
        String channel = provider.channels().get(random.nextInt(provider.channels().size()));
        Applicant applicant = city.caseNumber(payerNumber).applicant();
        // The demo city's applicant n is citizen n: the same person, whose bills show in their history.
        Payer payer = new Payer(DemoCity.citizenSubject(payerNumber), applicant.nationalId(), applicant.name());
        BillReference.Kind kind = switch (feeClass.kind()) {
            case FINE -> BillReference.Kind.FINE_TICKET;
            case LOCAL_TAX -> BillReference.Kind.TAX_BILL;
            default -> BillReference.Kind.CASE;
        };
        String referenceId = switch (kind) {
            case FINE_TICKET -> String.format("%s%08d", feeClass.code().substring(5, 6), 10_000_000 + random.nextInt(90_000_000));
            case TAX_BILL -> String.format("TX%d-%07d", 114, random.nextInt(10_000_000));
            case CASE -> String.format("demo-%d-fee%06d", seed, n);
        };
        return new BillSpec(n, String.format("demo-%d-b%06d", seed, n), feeClass, payerNumber, payer, amount,
                new BillReference(kind, referenceId), issuedMinutesAgo, dueDays, outcome, provider, channel, paidMinutesAgo);
    }

    public FeeClassSpec feeClass(String code) {
        return feeClasses.stream().filter(feeClass -> feeClass.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo fee class " + code));
    }

    private static long roundTo(long value, long unit) {
        return Math.max(unit, value / unit * unit);
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

    private static FeeClassSpec fee(String code, String name, String agency, long twd) {
        return new FeeClassSpec(code, name, FeeKind.GOVERNMENT_FEE, agency, twd, twd, twd);
    }

    private static FeeClassSpec fee(String code, String name, String agency, long minTwd, long maxTwd) {
        return new FeeClassSpec(code, name, FeeKind.GOVERNMENT_FEE, agency, null, minTwd, maxTwd);
    }

    private static FeeClassSpec tax(String code, String name, String agency, long minTwd, long maxTwd) {
        return new FeeClassSpec(code, name, FeeKind.LOCAL_TAX, agency, null, minTwd, maxTwd);
    }

    private static FeeClassSpec fine(String code, String name, String agency, long minTwd, long maxTwd) {
        return new FeeClassSpec(code, name, FeeKind.FINE, agency, minTwd == maxTwd ? minTwd : null, minTwd, maxTwd);
    }

    /**
     * The fee classes: agency codes are {@link DemoCity}'s (TCG-A32 is the Revenue Service Office, TCG-B20 the
     * Traffic Adjudication Office, TCG-B07 the Parking Management Office, TCG-A11 Environmental Protection…).
     */
    private static List<FeeClassSpec> planFeeClasses() {
        List<FeeClassSpec> list = new ArrayList<>(List.of(
                // Local taxes, collected by the Revenue Service Office.
                tax("TAX-HOUSE", "房屋稅 House tax", "TCG-A32", 1_200, 60_000),
                tax("TAX-LAND-VALUE", "地價稅 Land value tax", "TCG-A32", 800, 80_000),
                tax("TAX-VEHICLE-LICENSE", "使用牌照稅 Vehicle license tax", "TCG-A32", 800, 11_230),
                tax("TAX-LAND-INCREMENT", "土地增值稅 Land value increment tax", "TCG-A32", 20_000, 900_000),
                tax("TAX-DEED", "契稅 Deed tax", "TCG-A32", 3_000, 200_000),
                tax("TAX-STAMP", "印花稅 Stamp tax", "TCG-A32", 100, 20_000),
                tax("TAX-AMUSEMENT", "娛樂稅 Amusement tax", "TCG-A32", 500, 50_000),
                // Household registration and land offices.
                fee("FEE-HOUSEHOLD-TRANSCRIPT", "戶籍謄本規費 Household registration transcript fee", "TCG-H01", 15),
                fee("FEE-ID-CARD", "國民身分證換補發規費 National ID card replacement fee", "TCG-H02", 50),
                fee("FEE-SEAL-CERT", "印鑑證明規費 Seal certificate fee", "TCG-H03", 20),
                fee("FEE-HOUSEHOLD-BOOK", "戶口名簿規費 Household register book fee", "TCG-H04", 30),
                fee("FEE-NAME-CHANGE", "姓名變更登記規費 Name change registration fee", "TCG-H05", 50),
                fee("FEE-LAND-REGISTRATION", "土地登記規費 Land registration fee", "TCG-L01", 500, 30_000),
                fee("FEE-BUILDING-SURVEY", "建物測量費 Building survey fee", "TCG-L02", 2_000, 12_000),
                fee("FEE-LAND-RESURVEY", "土地複丈費 Land resurvey fee", "TCG-L03", 4_000, 20_000),
                fee("FEE-CADASTRAL-TRANSCRIPT", "地籍謄本規費 Cadastral transcript fee", "TCG-L04", 20),
                fee("FEE-TITLE-DEED", "書狀費 Title deed issue fee", "TCG-L05", 80),
                fee("FEE-LAND-VALUE-CERT", "地價證明規費 Land value certificate fee", "TCG-L06", 20),
                // Building, urban development, public works.
                fee("FEE-BUILDING-PERMIT", "建築執照規費 Building permit fee", "TCG-B01", 1_000, 200_000),
                fee("FEE-OCCUPANCY-PERMIT", "使用執照規費 Occupancy permit fee", "TCG-B01", 1_000, 50_000),
                fee("FEE-MISC-PERMIT", "雜項執照規費 Miscellaneous structure permit fee", "TCG-B01", 500, 20_000),
                fee("FEE-DEMOLITION-PERMIT", "拆除執照規費 Demolition permit fee", "TCG-B01", 500, 10_000),
                fee("FEE-ROAD-EXCAVATION", "道路挖掘許可費 Road excavation permit fee", "TCG-A05", 2_000, 80_000),
                fee("FEE-URBAN-PLAN-COPY", "都市計畫書圖影印費 Urban plan copy fee", "TCG-A12", 100, 2_000),
                fee("FEE-URBAN-RENEWAL", "都市更新審議費 Urban renewal review fee", "TCG-B19", 20_000, 200_000),
                fee("FEE-SEWER", "下水道使用費 Sewer usage fee", "TCG-B04", 100, 3_000),
                fee("FEE-RIVERSIDE-USE", "河濱公園場地使用費 Riverside park venue fee", "TCG-B05", 500, 8_000),
                fee("FEE-PARK-VENUE", "公園場地使用費 Park venue fee", "TCG-B02", 300, 10_000),
                // Transport and parking.
                fee("FEE-ON-STREET-PARKING", "路邊停車費 On-street parking fee", "TCG-B07", 20, 600),
                fee("FEE-PARKING-MONTHLY", "公有停車場月票 Public car park monthly pass", "TCG-B07", 2_000, 4_200),
                fee("FEE-TOWING", "拖吊費 Towing fee", "TCG-B09", 1_000),
                fee("FEE-VEHICLE-STORAGE", "車輛保管費 Towed vehicle storage fee", "TCG-B09", 200, 2_000),
                fee("FEE-TAXI-DRIVER", "計程車駕駛人執業登記費 Taxi driver registration fee", "TCG-A06", 200),
                fee("FEE-BUS-LANE-PERMIT", "公車專用道通行證規費 Bus lane permit fee", "TCG-B08", 500),
                fee("FEE-DISABLED-PARKING-CARD", "身心障礙者停車證工本費 Disabled parking card fee", "TCG-A06", 100),
                // Business, markets, labour.
                fee("FEE-BUSINESS-REGISTRATION", "商業登記規費 Business registration fee", "TCG-B10", 1_000),
                fee("FEE-BUSINESS-CHANGE", "商業變更登記規費 Business change registration fee", "TCG-B10", 1_000),
                fee("FEE-FACTORY-REGISTRATION", "工廠登記規費 Factory registration fee", "TCG-A04", 1_000, 6_000),
                fee("FEE-MARKET-STALL", "市場攤位使用費 Market stall rent", "TCG-A34", 1_500, 12_000),
                fee("FEE-STREET-VENDOR", "攤販許可證規費 Street vendor licence fee", "TCG-A34", 500),
                fee("FEE-FOREIGN-WORKER", "外籍勞工聘僱許可審查費 Foreign worker permit review fee", "TCG-A08", 100),
                fee("FEE-TRAINING-COURSE", "職業訓練課程費 Vocational training course fee", "TCG-B14", 1_000, 15_000),
                // Health.
                fee("FEE-HEALTH-CERT", "健康證明規費 Health certificate fee", "TCG-A10", 150),
                fee("FEE-FOOD-HYGIENE-PERMIT", "餐飲業衛生許可規費 Food business hygiene permit fee", "TCG-A10", 1_500),
                fee("FEE-PHARMACY-LICENCE", "藥商許可執照規費 Pharmacy licence fee", "TCG-A10", 2_000),
                fee("FEE-VACCINATION", "自費疫苗接種費 Self-paid vaccination fee", "TCG-C01", 300, 3_200),
                fee("FEE-HEALTH-CHECK", "成人健康檢查自費項目 Adult health check extra fee", "TCG-C02", 200, 1_500),
                fee("FEE-HOSPITAL", "市立聯合醫院醫療費用 Taipei City Hospital medical fee", "TCG-B16", 150, 50_000),
                // Environment.
                fee("FEE-BULKY-WASTE", "大型廢棄物清運費 Bulky waste collection fee", "TCG-B21", 200, 1_200),
                fee("FEE-WASTE-DISPOSAL", "事業廢棄物清除處理費 Business waste disposal fee", "TCG-A11", 1_000, 30_000),
                fee("FEE-WATER-POLLUTION-PERMIT", "水污染防治許可審查費 Water pollution permit review fee", "TCG-A11", 3_000),
                fee("FEE-AIR-POLLUTION-PERMIT", "空氣污染防制許可審查費 Air pollution permit review fee", "TCG-A11", 5_000),
                // Water, fire, animals, funerals.
                fee("FEE-WATER-CONNECTION", "自來水新裝費 Water connection fee", "TCG-A16", 3_000, 25_000),
                fee("FEE-WATER-BILL", "水費 Water bill", "TCG-A16", 100, 8_000),
                fee("FEE-FIRE-INSPECTION", "消防安全設備檢修申報審查費 Fire safety filing review fee", "TCG-A14", 1_000),
                fee("FEE-HAZARDOUS-MATERIAL", "危險物品場所許可費 Hazardous material site permit fee", "TCG-A14", 2_000),
                fee("FEE-PET-REGISTRATION", "寵物登記費 Pet registration fee", "TCG-A33", 1_000),
                fee("FEE-CREMATION", "火化費 Cremation fee", "TCG-B11", 3_000, 6_000),
                fee("FEE-COLUMBARIUM", "納骨塔使用費 Columbarium fee", "TCG-B11", 10_000, 60_000),
                // Culture, sports, venues, certificates.
                fee("FEE-ZOO", "臺北市立動物園門票 Taipei Zoo admission", "TCG-B17", 60),
                fee("FEE-FINE-ARTS-MUSEUM", "臺北市立美術館門票 Fine Arts Museum admission", "TCG-B22", 30),
                fee("FEE-ASTRONOMY-MUSEUM", "天文館門票 Astronomical Museum admission", "TCG-B25", 40, 100),
                fee("FEE-CULTURE-VENUE", "文化局場地使用費 Cultural venue rental", "TCG-A13", 2_000, 40_000),
                fee("FEE-SPORTS-VENUE", "運動中心場地租借費 Sports centre venue rental", "TCG-S01", 200, 6_000),
                fee("FEE-POLICE-RECORD", "警察刑事紀錄證明規費 Police criminal record certificate fee", "TCG-A09", 100)));
        list.addAll(List.of(
                // Fines: traffic (adjudicated by the Traffic Adjudication Office), environment, buildings, health…
                fine("FINE-PARKING", "違規停車罰鍰 Parking violation fine", "TCG-B20", 600, 1_200),
                fine("FINE-RED-LIGHT", "闖紅燈罰鍰 Running a red light fine", "TCG-B20", 1_800, 5_400),
                fine("FINE-SPEEDING", "超速罰鍰 Speeding fine", "TCG-B20", 1_600, 24_000),
                fine("FINE-SEATBELT", "未繫安全帶罰鍰 Seatbelt fine", "TCG-B20", 1_500, 3_000),
                fine("FINE-HELMET", "機車未戴安全帽罰鍰 Motorcycle helmet fine", "TCG-B20", 500, 500),
                fine("FINE-DRUNK-DRIVING", "酒後駕車罰鍰 Drunk driving fine", "TCG-B20", 30_000, 120_000),
                fine("FINE-ILLEGAL-TURN", "違規轉彎罰鍰 Illegal turn fine", "TCG-B20", 600, 1_800),
                fine("FINE-PHONE-DRIVING", "駕車使用手機罰鍰 Using a phone while driving fine", "TCG-B20", 3_000, 3_000),
                fine("FINE-PEDESTRIAN-PRIORITY", "未禮讓行人罰鍰 Failing to yield to pedestrians fine", "TCG-B20", 1_200, 6_000),
                fine("FINE-SIDEWALK-PARKING", "人行道停車罰鍰 Parking on the sidewalk fine", "TCG-B07", 600, 1_200),
                fine("FINE-LITTERING", "亂丟垃圾罰鍰 Littering fine", "TCG-A11", 1_200, 6_000),
                fine("FINE-CIGARETTE-BUTT", "亂丟菸蒂罰鍰 Cigarette butt littering fine", "TCG-A11", 1_200, 1_200),
                fine("FINE-BETEL-NUT", "隨地吐檳榔汁罰鍰 Betel nut spitting fine", "TCG-A11", 1_200, 1_200),
                fine("FINE-DOG-WASTE", "狗便未清罰鍰 Dog waste fine", "TCG-A11", 1_200, 6_000),
                fine("FINE-RECYCLING", "垃圾未分類罰鍰 Unsorted recycling fine", "TCG-A11", 1_200, 6_000),
                fine("FINE-NOISE", "噪音管制罰鍰 Noise control fine", "TCG-A11", 3_000, 30_000),
                fine("FINE-VEHICLE-EMISSIONS", "機車排氣未檢驗罰鍰 Motorcycle emissions inspection fine", "TCG-A11", 500, 1_500),
                fine("FINE-ILLEGAL-CONSTRUCTION", "違章建築罰鍰 Illegal construction fine", "TCG-B01", 10_000, 300_000),
                fine("FINE-ILLEGAL-BILLBOARD", "違規廣告物罰鍰 Illegal billboard fine", "TCG-A12", 3_000, 30_000),
                fine("FINE-SMOKING", "禁菸場所吸菸罰鍰 Smoking in a no-smoking area fine", "TCG-A10", 2_000, 10_000),
                fine("FINE-FOOD-SAFETY", "食品安全衛生罰鍰 Food safety fine", "TCG-A10", 30_000, 300_000),
                fine("FINE-FIRE-SAFETY", "消防安全設備未檢修罰鍰 Fire safety equipment fine", "TCG-A14", 10_000, 50_000),
                fine("FINE-ANIMAL-WELFARE", "動物保護法罰鍰 Animal welfare fine", "TCG-A33", 3_000, 15_000),
                fine("FINE-LIBRARY-OVERDUE", "圖書逾期罰款 Library overdue fine", "TCG-B18", 10, 300)));
        long fines = list.stream().filter(feeClass -> feeClass.kind() == FeeKind.FINE).count();
        if (list.size() != FEE_CLASS_COUNT || fines != FINE_COUNT) {
            throw new IllegalStateException("the demo city plans " + list.size() + " fee classes with " + fines + " fines");
        }
        return List.copyOf(list);
    }

    private static List<ProviderSpec> planProviders() {
        List<ProviderSpec> list = List.of(
                new ProviderSpec("PAY-TAIPEI", "pay.taipei 台北通錢包 wallet", ProviderKind.E_PAYMENT, List.of("app", "web", "qr")),
                new ProviderSpec("TAIWAN-PAY", "台灣Pay Taiwan Pay", ProviderKind.E_PAYMENT, List.of("app", "qr")),
                new ProviderSpec("EASY-WALLET", "悠遊付 Easy Wallet", ProviderKind.E_PAYMENT, List.of("app", "qr")),
                new ProviderSpec("ICASH-PAY", "icash Pay", ProviderKind.E_PAYMENT, List.of("app", "qr")),
                new ProviderSpec("LINE-PAY", "LINE Pay", ProviderKind.THIRD_PARTY, List.of("app", "web")),
                new ProviderSpec("JKOPAY", "街口支付 JKOPAY", ProviderKind.THIRD_PARTY, List.of("app", "qr")),
                new ProviderSpec("PI-WALLET", "Pi 拍錢包 Pi Wallet", ProviderKind.THIRD_PARTY, List.of("app")),
                new ProviderSpec("PXPAY-PLUS", "全支付 PXPay Plus", ProviderKind.THIRD_PARTY, List.of("app", "qr")),
                new ProviderSpec("ECPAY", "綠界科技 ECPay", ProviderKind.THIRD_PARTY, List.of("web", "card")),
                new ProviderSpec("NEWEBPAY", "藍新金流 NewebPay", ProviderKind.THIRD_PARTY, List.of("web", "card")),
                new ProviderSpec("SEVEN-ELEVEN", "7-ELEVEN ibon 超商代收", ProviderKind.THIRD_PARTY, List.of("counter", "kiosk")),
                new ProviderSpec("FAMILYMART", "全家 FamiPort 超商代收", ProviderKind.THIRD_PARTY, List.of("counter", "kiosk")),
                new ProviderSpec("HILIFE", "萊爾富 Hi-Life 超商代收", ProviderKind.THIRD_PARTY, List.of("counter", "kiosk")),
                new ProviderSpec("OK-MART", "OK超商 OK Mart 超商代收", ProviderKind.THIRD_PARTY, List.of("counter")),
                new ProviderSpec("CHT", "中華電信 Chunghwa Telecom billing", ProviderKind.TELECOM, List.of("telecom-bill")),
                new ProviderSpec("TAIWAN-MOBILE", "台灣大哥大 Taiwan Mobile billing", ProviderKind.TELECOM, List.of("telecom-bill")),
                new ProviderSpec("FAR-EASTONE", "遠傳電信 Far EasTone billing", ProviderKind.TELECOM, List.of("telecom-bill")),
                new ProviderSpec("BANK-OF-TAIWAN", "臺灣銀行 Bank of Taiwan", ProviderKind.BANK, List.of("atm", "counter", "direct-debit")),
                new ProviderSpec("TAIPEI-FUBON", "台北富邦銀行 Taipei Fubon Bank", ProviderKind.BANK,
                        List.of("atm", "counter", "direct-debit", "card")),
                new ProviderSpec("LAND-BANK", "臺灣土地銀行 Land Bank of Taiwan", ProviderKind.BANK, List.of("atm", "counter")),
                new ProviderSpec("CHUNGHWA-POST", "中華郵政 Chunghwa Post", ProviderKind.BANK, List.of("atm", "counter", "direct-debit")),
                new ProviderSpec("CTBC", "中國信託商業銀行 CTBC Bank", ProviderKind.BANK, List.of("atm", "web", "card")));
        if (list.size() != PROVIDER_COUNT) {
            throw new IllegalStateException("the demo city plans " + list.size() + " providers");
        }
        return list;
    }
}
