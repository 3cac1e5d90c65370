package org.civicledger.query.write;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.civicledger.events.common.NationalId;

/**
 * The annotated string is a Taiwan national ID or resident certificate number with a matching check
 * digit, as {@link NationalId#problemWith} judges it; the message says what is wrong, never the value.
 */
@Documented
@Constraint(validatedBy = ValidNationalId.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidNationalId {

    String message() default "national ID is not valid";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Validates with the contract's own check, so the API and the ledger never disagree. */
    class Validator implements ConstraintValidator<ValidNationalId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            String problem = NationalId.problemWith(value);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }
    }
}
