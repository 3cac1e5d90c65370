package org.civicledger.ops.rebuild;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.civicledger.projections.rebuild.ProjectionChecksum;
import org.civicledger.projections.rebuild.ProjectionChecksum.Checksum;
import org.civicledger.projections.slots.ReadModelSlots;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An offline rebuild of several read models in one pass over the event store: each page of events is read once,
 * each event deserialized once, and handed to every rebuilt read model's handlers in one unit of work and one
 * transaction per page and lane.
 *
 * <p>What it leaves out, compared with the processors' replay ({@link ProjectionRebuild}): one read of the event
 * table per read model (here one for all), one deserialization per read model (here the message is shared, and Axon
 * deserializes a payload once per message), the dead-letter queue's per-event lookup (the queues were emptied by
 * the reset, so no sequence can be parked), and Axon's per-message processor machinery. The handlers are the same
 * instances the processors call, with the same parameters: each event's own tracking token, wrapped as a replay
 * token, so they skip their existence checks as in any replay. An event a handler fails on fails the page's
 * transaction and the rebuild (nothing of that page is written): a replay must not park events silently.
 *
 * <p>Lanes ({@code ledger.rebuild.single-pass.lanes}): the read models are dealt to a few threads, each writing its
 * read models' rows of a page in its own transaction, while this thread reads and deserializes the next pages. Each
 * lane's transaction also advances its processors' tokens to the page's end, as a processor's own batch does.
 *
 * <p>Offline only: every chosen processor is stopped on this node and must be claimed by no other (as for an
 * in-place rebuild), and no command may append meanwhile; the tokens are set to the last event replayed, and the
 * processors started again, so events stored later are processed by them as usual. Should the pass stop (a failure,
 * a timeout, a crash), each processor, started again, goes on replaying from the last page its lane committed.
 */
@Component
public class SinglePassRebuild {

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TransactionManager transactions;
    private final TokenStore tokenStore;
    private final ProjectionRebuild inPlace;
    private final ReadModelSlots slots;
    private final ProjectionChecksum checksums;
    private final int pageSize;
    private final int laneCount;

    public SinglePassRebuild(EventProcessingConfiguration processing, EventStorageEngine storage, TransactionManager transactions,
                             TokenStore tokenStore, ProjectionRebuild inPlace, ReadModelSlots slots, ProjectionChecksum checksums,
                             @Value("${ledger.rebuild.single-pass.page-size:2000}") int pageSize,
                             @Value("${ledger.rebuild.single-pass.lanes:1}") int lanes) {
        this.processing = processing;
        this.storage = storage;
        this.transactions = transactions;
        this.tokenStore = tokenStore;
        this.inPlace = inPlace;
        this.slots = slots;
        this.checksums = checksums;
        this.pageSize = pageSize;
        if (lanes < 1) {
            throw new IllegalArgumentException("ledger.rebuild.single-pass.lanes must be at least 1, not " + lanes);
        }
        this.laneCount = lanes;
    }

    /** Rebuilds the active slots of the read models of {@code groups} in one pass; {@code progress} is called after each page. */
    public ProjectionRebuild.Result rebuild(List<String> groups, Duration timeout, Consumer<ProjectionRebuild.Progress> progress) {
        synchronized (inPlace.processorLock()) {
            slots.refresh();
            Map<String, StreamingEventProcessor> processors = new LinkedHashMap<>();
            for (String group : groups) {
                if (slots.state(group).building() != null) {
                    throw new BlueGreenRebuild.Refused("a blue/green rebuild of " + group + " is under way");
                }
                String name = slots.active(group).processor(group);
                processors.put(group, processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow(() -> new ProjectionRebuild.UnknownProjection(group)));
            }
            processors.values().forEach(StreamingEventProcessor::shutDown);
            try {
                return replay(processors, timeout, progress);
            } finally {
                processors.values().forEach(processor -> {
                    if (!processor.isRunning()) {
                        processor.start();
                    }
                });
            }
        }
    }

    private ProjectionRebuild.Result replay(Map<String, StreamingEventProcessor> processors, Duration timeout,
                                           Consumer<ProjectionRebuild.Progress> progress) {
        for (StreamingEventProcessor processor : processors.values()) {
            List<String> owners = inPlace.liveClaims(processor.getName());
            if (!owners.isEmpty()) {
                throw new ProjectionRebuild.ClaimedElsewhere(processor.getName(), owners);
            }
        }
        long startedNanos = System.nanoTime();
        long deadline = startedNanos + timeout.toNanos();
        long head = inPlace.head();
        // The processors' own reset (@ResetHandler, dead letters, replay tokens from the first event): should this pass fail
        // or time out, the processors, started again, replay by themselves instead of going on from a token at the head
        // over emptied tables.
        processors.values().forEach(processor -> processor.resetTokens(source -> source.createTailToken()));
        List<Lane> lanes = lanes(processors);
        TrackingToken last = null;
        // Pages handed to the lanes and not yet written by all of them, oldest first: the reader stays at most
        // PAGES_AHEAD pages ahead of the slowest lane, so memory does not grow with the store.
        Deque<Page> inFlight = new ArrayDeque<>();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            List<EventMessage<?>> page = new ArrayList<>(pageSize);
            TrackingToken pageEnd = null;
            while (true) {
                TrackedEventMessage<?> event = iterator.hasNext() ? iterator.next() : null;
                boolean beyondHead = event != null && event.trackingToken().position().orElse(Long.MAX_VALUE) > head;
                if (event != null && !beyondHead) {
                    page.add(asReplay(event, head));
                    pageEnd = event.trackingToken();
                }
                if (page.size() >= pageSize || ((event == null || beyondHead) && !page.isEmpty())) {
                    List<EventMessage<?>> handed = List.copyOf(page);
                    TrackingToken end = pageEnd;
                    List<Future<?>> written = new ArrayList<>();
                    for (Lane lane : lanes) {
                        written.add(lane.worker().submit(() -> handlePage(handed, end, lane)));
                    }
                    inFlight.add(new Page(pageEnd, written));
                    page = new ArrayList<>(pageSize);
                    while (inFlight.size() > PAGES_AHEAD) {
                        last = awaitWritten(inFlight.poll(), processors.keySet(), head, startedNanos, progress);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the single-pass rebuild has not reached event " + head + " within "
                                + timeout.toSeconds() + " s (at " + position(last) + "); the processors resume from their last tokens");
                    }
                }
                if (event == null || beyondHead) {
                    break;
                }
            }
            while (!inFlight.isEmpty()) {
                last = awaitWritten(inFlight.poll(), processors.keySet(), head, startedNanos, progress);
            }
        } finally {
            // On a failure: pages not begun are dropped, pages being written are let finish (an interrupt could break
            // an embedded database's file channel); each lane's processors keep the token of the last page it wrote.
            inFlight.forEach(pending -> pending.written().forEach(lane -> lane.cancel(false)));
            lanes.forEach(lane -> lane.worker().shutdown());
            for (Lane lane : lanes) {
                try {
                    lane.worker().awaitTermination(timeout.toMillis() + 60_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        TrackingToken at = last;
        // Every segment's token at the last event replayed: the processors go on from there.
        transactions.executeInTransaction(() -> {
            for (StreamingEventProcessor processor : processors.values()) {
                for (int segment : tokenStore.fetchSegments(processor.getName())) {
                    tokenStore.fetchToken(processor.getName(), segment);
                    tokenStore.storeToken(at, processor.getName(), segment);
                    tokenStore.releaseClaim(processor.getName(), segment);
                }
            }
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        List<Checksum> digests = new ArrayList<>();
        for (String group : processors.keySet()) {
            digests.add(checksums.of(group));
        }
        return new ProjectionRebuild.Result(List.copyOf(processors.keySet()), head, elapsed, digests);
    }

    /** Pages a lane may be behind the reader. */
    private static final int PAGES_AHEAD = 2;

    /** A page of events handed to every lane: where it ends, and each lane's write of it. */
    private record Page(TrackingToken end, List<Future<?>> written) {
    }

    /** Waits until every lane has written {@code page}; reports the progress; answers where the page ends. */
    private static TrackingToken awaitWritten(Page page, java.util.Set<String> groups, long head, long startedNanos,
                                              Consumer<ProjectionRebuild.Progress> progress) {
        for (Future<?> lane : page.written()) {
            try {
                lane.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the single-pass rebuild wrote a page", interrupted);
            } catch (ExecutionException failed) {
                Throwable cause = failed.getCause();
                throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
            }
        }
        long position = position(page.end());
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String group : groups) {
            positions.put(group, position);
        }
        progress.accept(new ProjectionRebuild.Progress(positions, head, Duration.ofNanos(System.nanoTime() - startedNanos)));
        return page.end();
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    /**
     * The read models' handlers in lanes, each lane written by a thread of its own in its own transactions, so one
     * lane's rows travel to the database while another lane's handlers run (read models share no rows). A read model
     * stays whole in one lane, its events in order; the largest read models (by rows per event: the audit trail, case
     * status and the citizen history come first in the processing groups) are spread first.
     */
    private List<Lane> lanes(Map<String, StreamingEventProcessor> processors) {
        int count = Math.min(laneCount, processors.size());
        List<Lane> lanes = new ArrayList<>();
        for (int lane = 0; lane < count; lane++) {
            String name = "single-pass-lane-" + lane;
            lanes.add(new Lane(new ArrayList<>(), new ArrayList<>(), Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, name))));
        }
        int next = 0;
        for (StreamingEventProcessor processor : processors.values()) {
            Lane lane = lanes.get(next++ % count);
            lane.processors().add(processor.getName());
            lane.handlers().addAll(handlers(processor));
        }
        return lanes;
    }

    /** The processors of a lane, their read models' handlers, and the thread that writes the lane's pages. */
    private record Lane(List<String> processors, List<EventMessageHandler> handlers, ExecutorService worker) {
    }

    /** One page: every handler of the lane's read models, in one batching unit of work and one transaction. */
    private void handlePage(List<EventMessage<?>> page, TrackingToken pageEnd, Lane lane) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(page);
        unitOfWork.attachTransaction(transactions);
        // The page's rows and the lane's processors' tokens at its end commit together, as a processor's own batch does:
        // should the pass stop (a failure, a crash), each processor replays on from the last page its lane wrote.
        unitOfWork.onPrepareCommit(committing -> advanceTokens(lane.processors(), pageEnd));
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            EventMessage<?> message = unitOfWork.getMessage();
            for (EventMessageHandler handler : lane.handlers()) {
                handler.handle(message);
            }
            return null;
        }, exception -> true);
        if (result.isExceptional() || unitOfWork.isRolledBack()) {
            throw new IllegalStateException("the single-pass rebuild failed on a page of events (nothing of it was written): "
                    + (result.isExceptional() ? result.exceptionResult().getMessage() : "rolled back"),
                    result.isExceptional() ? result.exceptionResult() : null);
        }
    }

    /** Every segment's token of {@code processorNames} advanced to {@code pageEnd}, still a replay token until the head. */
    private void advanceTokens(List<String> processorNames, TrackingToken pageEnd) {
        for (String name : processorNames) {
            for (int segment : tokenStore.fetchSegments(name)) {
                TrackingToken current = tokenStore.fetchToken(name, segment);
                TrackingToken next = current instanceof ReplayToken replay ? replay.advancedTo(pageEnd) : pageEnd;
                tokenStore.storeToken(next, name, segment);
            }
        }
    }

    /**
     * The event as a replay delivers it: its own token wrapped in a replay token that ends at the head. Its payload
     * and metadata are deserialized here, once, before the lanes share the message (Axon deserializes lazily, and
     * not thread-safely).
     */
    private static EventMessage<?> asReplay(TrackedEventMessage<?> event, long head) {
        event.getPayload();
        event.getMetaData();
        TrackingToken token = new ReplayToken(new GlobalSequenceTrackingToken(head), event.trackingToken());
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericTrackedDomainEventMessage<>(token, domain);
        }
        return new GenericTrackedEventMessage<>(token, event);
    }

    /** The read model instances the processor calls (Axon wraps its invoker in a multi-invoker). */
    private static List<EventMessageHandler> handlers(StreamingEventProcessor processor) {
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(invoker(processor), handlers, processor.getName());
        return handlers;
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers, String processor) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers, processor));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        } else {
            throw new IllegalStateException("processor " + processor + " calls its handlers through a " + invoker.getClass().getName()
                    + ", which a single pass cannot call directly");
        }
    }

    private static EventHandlerInvoker invoker(StreamingEventProcessor processor) {
        // Pooled (most read models) or tracking (receipts, for its latency): both keep their handlers in an invoker.
        if (processor instanceof AbstractEventProcessor streaming) {
            return streaming.eventHandlerInvoker();
        }
        throw new IllegalStateException("processor " + processor.getName() + " is not a pooled or tracking streaming processor");
    }
}
