package org.civicledger.command.notices;

/** The ways a notice reaches an applicant. */
public enum NoticeChannel {
    EMAIL,
    SMS
}
