package org.civicledger.ops.rebuild;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.StreamableMessageSource;
import org.civicledger.projections.ProjectionsModule;
import org.civicledger.projections.slots.ReadModelSlots;
import org.civicledger.projections.slots.Slot;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * The second processor of every read model, which builds its slot b ({@link Slot}): a second instance of the read
 * model's class, its {@link JdbcTemplate} writing the {@code _b} tables, in processing group {@code <group>.b} with
 * its own tokens and dead-letter queue (enabled in {@code application.yml}).
 *
 * <p>Nothing here names a read model: every group of {@link ProjectionsModule#PROCESSING_GROUPS} gets one, built from
 * the Spring bean that carries its {@code @ProcessingGroup}. A slot-b processor starts at the head of the event store
 * when it has no tokens yet (a blue/green rebuild resets it to the first event), and {@link BlueGreenRebuild} keeps it
 * stopped unless its slot serves or is being built.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelSlotConfiguration {

    @Bean
    public ConfigurerModule slotBProcessors(ListableBeanFactory beans, ReadModelSlots slots) {
        return configurer -> {
            for (String group : ProjectionsModule.PROCESSING_GROUPS) {
                String processor = Slot.B.processor(group);
                List<Object> instance = new ArrayList<>(1);
                configurer.eventProcessing()
                        .registerEventHandler(config -> {
                            Object handler = instantiate(beans, group, slots.writer(group, Slot.B));
                            instance.add(handler);
                            return handler;
                        })
                        // An instance rule outranks the class's @ProcessingGroup, which names slot a's group.
                        .assignHandlerInstancesMatching(processor, 100, handler -> instance.stream().anyMatch(own -> own == handler))
                        .registerDeadLetteringEventHandlerInvokerConfiguration(processor, (config, builder) -> builder.allowReset(true))
                        .registerPooledStreamingEventProcessorConfiguration(processor,
                                (config, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken));
            }
        };
    }

    /**
     * A new instance of the read model class of {@code group}, its {@link JdbcTemplate} (or
     * {@link NamedParameterJdbcTemplate}) being {@code jdbc}, its other constructor arguments the application's beans.
     * A read model that took a {@link DataSource} would write around the slot: it is refused.
     */
    private static org.springframework.beans.factory.annotation.Value valueOf(java.lang.annotation.Annotation[] annotations) {
        for (java.lang.annotation.Annotation annotation : annotations) {
            if (annotation instanceof org.springframework.beans.factory.annotation.Value value) {
                return value;
            }
        }
        return null;
    }

    static Object instantiate(ListableBeanFactory beans, String group, JdbcTemplate jdbc) {
        Class<?> type = null;
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            ProcessingGroup annotation = beans.findAnnotationOnBean(name, ProcessingGroup.class);
            if (annotation != null && group.equals(annotation.value())) {
                type = ClassUtils.getUserClass(Objects.requireNonNull(beans.getType(name)));
            }
        }
        if (type == null) {
            throw new IllegalStateException("no bean carries @ProcessingGroup(\"" + group + "\"): every group of "
                    + "ProjectionsModule.PROCESSING_GROUPS needs its read model class");
        }
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(type.getName() + " needs exactly one public constructor to get a slot-b instance");
        }
        Constructor<?> constructor = constructors[0];
        Object[] arguments = new Object[constructor.getParameterCount()];
        Class<?>[] parameters = constructor.getParameterTypes();
        java.lang.annotation.Annotation[][] annotations = constructor.getParameterAnnotations();
        for (int i = 0; i < parameters.length; i++) {
            org.springframework.beans.factory.annotation.Value value = valueOf(annotations[i]);
            if (value != null) {
                // A setting (such as the city's zone) resolved as Spring resolved it for the slot-a bean.
                if (!(beans instanceof org.springframework.beans.factory.config.ConfigurableBeanFactory configurable)) {
                    throw new IllegalStateException(type.getName() + " takes a @Value setting this bean factory cannot resolve");
                }
                String resolved = configurable.resolveEmbeddedValue(value.value());
                arguments[i] = configurable.getTypeConverter().convertIfNecessary(resolved, parameters[i]);
            } else if (parameters[i] == JdbcTemplate.class) {
                arguments[i] = jdbc;
            } else if (parameters[i] == NamedParameterJdbcTemplate.class) {
                arguments[i] = new NamedParameterJdbcTemplate(jdbc);
            } else if (DataSource.class.isAssignableFrom(parameters[i])) {
                throw new IllegalStateException(type.getName() + " takes a DataSource: a read model writes through its JdbcTemplate, "
                        + "which a blue/green rebuild points at the slot it builds");
            } else {
                arguments[i] = beans.getBean(parameters[i]);
            }
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException failure) {
            throw new IllegalStateException("could not make the slot-b instance of " + type.getName() + " with "
                    + Arrays.toString(parameters), failure);
        }
    }
}
