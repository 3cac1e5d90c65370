package org.civicledger.command.notices;

import java.time.LocalDate;
import org.civicledger.command.cases.CaseCredentials;

/**
 * The wording of every notice, in Traditional Chinese then English.
 *
 * <p>E-mails greet the applicant by name; SMS texts do not, because they show on a locked phone, and
 * they stay within {@link #SMS_LENGTH_MAX} characters. No notice ever carries the national ID. Only
 * {@link #credentials} carries the case password, and it marks its text as secret.
 */
public final class NoticeTexts {

    /** Three concatenated Unicode SMS segments (67 characters each) are a reasonable ceiling. */
    public static final int SMS_LENGTH_MAX = 200;
    /** Officers' texts (reasons, extension notices) are quoted in SMS up to this length. */
    static final int SMS_QUOTE_LENGTH_MAX = 80;
    /** The body that replaces a password-bearing notice once it is sent or given up. */
    public static final String SCRUBBED_BODY = "[已移除：本通知含案件密碼，寄出後不保留 / removed: this notice carried the case password and is not kept after sending]";

    private static final String SIGNATURE = "此為系統自動發送的通知，請勿直接回覆。\nThis is an automatic notice; please do not reply.";
    private static final String SMS_PREFIX = "【Civic Ledger】";

    private NoticeTexts() {
    }

    public static NoticeText submitted(NoticeRecipient to) {
        return text(NoticeKind.APPLICATION_SUBMITTED, to, "申請已收到 Application received",
                "我們已收到您的申請，受理後將通知您案件編號與密碼。",
                "We have received your application. Once it is accepted you will receive a case number and password.",
                null, null,
                "申請已收到，受理後將通知案件編號。Application received.");
    }

    public static NoticeText credentials(NoticeRecipient to, CaseCredentials credentials) {
        String subject = "案件已受理 Case accepted: " + credentials.caseNumber();
        String detail = "案件編號 Case number: " + credentials.caseNumber() + "\n"
                + "案件密碼 Case password: " + credentials.casePassword() + "\n"
                + "請妥善保存，查詢案件進度時需要。Keep it safe: you need it to follow your case.";
        String email = greeting(to) + "您的申請已受理。\n\nYour application has been accepted.\n\n" + detail + "\n\n" + SIGNATURE;
        String sms = SMS_PREFIX + "案件已受理 Case accepted. 編號 No. " + credentials.caseNumber()
                + " 密碼 Password " + credentials.casePassword();
        return new NoticeText(NoticeKind.CREDENTIALS_ISSUED, subject, email, cut(sms, SMS_LENGTH_MAX), true);
    }

    public static NoticeText supplementRequested(NoticeRecipient to, String reason) {
        return text(NoticeKind.SUPPLEMENT_REQUESTED, to, "請補件 Supplement requested",
                "承辦機關請您補件，處理期限暫停計算，補件後恢復。",
                "The agency asks you for further documents. The processing deadline is paused until you provide them.",
                "說明 Reason", reason,
                "請補件 Supplement requested");
    }

    public static NoticeText deadlineExtended(NoticeRecipient to, String notice, LocalDate deadline) {
        return text(NoticeKind.DEADLINE_EXTENDED, to, "處理期限延長 Deadline extended",
                "您的案件處理期限延長至 " + deadline + "。",
                "The processing deadline of your case is extended to " + deadline + ".",
                "機關通知 Notice from the agency", notice,
                "期限延長至 Deadline extended to " + deadline);
    }

    public static NoticeText approved(NoticeRecipient to, String reason, LocalDate appealWindowEndsOn) {
        return text(NoticeKind.CASE_APPROVED, to, "案件核准 Case approved",
                "您的案件已核准。如有不服，得於 " + appealWindowEndsOn + " 前提起訴願。",
                "Your case is approved. You may appeal until " + appealWindowEndsOn + ".",
                "說明 Reason", reason,
                "已核准 Approved");
    }

    public static NoticeText rejected(NoticeRecipient to, String reason, LocalDate appealWindowEndsOn) {
        return text(NoticeKind.CASE_REJECTED, to, "案件駁回 Case rejected",
                "您的案件未獲核准。如有不服，得於 " + appealWindowEndsOn + " 前提起訴願。",
                "Your case is rejected. You may appeal until " + appealWindowEndsOn + ".",
                "說明 Reason", reason,
                "未獲核准，可於 " + appealWindowEndsOn + " 前訴願 Rejected; appeal until " + appealWindowEndsOn);
    }

    public static NoticeText withdrawn(NoticeRecipient to) {
        return text(NoticeKind.APPLICATION_WITHDRAWN, to, "申請已撤回 Application withdrawn",
                "您的申請已撤回。",
                "Your application has been withdrawn.",
                null, null,
                "申請已撤回 Application withdrawn");
    }

    public static NoticeText transferred(NoticeRecipient to, String toAgencyCode) {
        return text(NoticeKind.CASE_TRANSFERRED, to, "案件移轉 Case transferred",
                "您的案件已移由 " + toAgencyCode + " 辦理。",
                "Your case has been transferred to agency " + toAgencyCode + ".",
                null, null,
                "已移由 " + toAgencyCode + " 辦理 Transferred to " + toAgencyCode);
    }

    public static NoticeText closed(NoticeRecipient to) {
        return text(NoticeKind.CASE_CLOSED, to, "案件結案 Case closed",
                "您的案件已結案。",
                "Your case is closed.",
                null, null,
                "已結案 Case closed");
    }

    /** Cuts text to at most {@code lengthMax} characters, marking the cut. */
    static String cut(String text, int lengthMax) {
        if (text == null || text.length() <= lengthMax) {
            return text;
        }
        return text.substring(0, lengthMax - 1) + "…";
    }

    private static NoticeText text(NoticeKind kind, NoticeRecipient to, String subject, String chinese, String english,
                                   String detailLabel, String detail, String smsLine) {
        String reference = to.caseReference();
        StringBuilder email = new StringBuilder(greeting(to)).append(chinese).append("\n\n")
                .append("Dear ").append(to.name()).append(",\n").append(english).append("\n\n");
        if (detail != null && !detail.isBlank()) {
            email.append(detailLabel).append(":\n").append(detail.strip()).append("\n\n");
        }
        email.append("案件編號 Case: ").append(reference).append("\n\n").append(SIGNATURE);
        String sms = SMS_PREFIX + "案件 Case " + reference + " " + smsLine;
        if (detail != null && !detail.isBlank()) {
            sms += "：" + cut(detail.strip(), SMS_QUOTE_LENGTH_MAX);
        }
        return new NoticeText(kind, subject + " - " + reference, email.toString(), cut(sms, SMS_LENGTH_MAX), false);
    }

    private static String greeting(NoticeRecipient to) {
        return to.name() + " 您好：\n\n";
    }
}
