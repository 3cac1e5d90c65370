package org.civicledger.command.notices;

/** Sends notices of one channel; the dispatcher holds at most one sender per channel. */
public interface NoticeSender {

    NoticeChannel channel();

    /**
     * Sends the notice, or throws. The exception's message is stored with the notice, so it must
     * name no recipient and quote no text of the notice.
     */
    void send(OutboxNotice notice) throws NoticeSendException;
}
