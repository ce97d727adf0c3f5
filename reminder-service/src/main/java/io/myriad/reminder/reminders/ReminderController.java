package io.myriad.reminder.reminders;

import io.myriad.observability.web.ApiOperation;
import io.myriad.reminder.security.CurrentUser;
import io.myriad.reminder.web.Ids;
import io.myriad.reminder.web.Page;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's reminders; what became of their deliveries is {@code DeliveryController}'s. */
@RestController
@RequestMapping("/api/v1/reminders")
class ReminderController {

    private final ReminderStore reminders;

    ReminderController(ReminderStore reminders) {
        this.reminders = reminders;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @ApiOperation(entity = "reminder", operation = "create")
    Reminder create(@Valid @RequestBody ReminderRequest request) {
        return this.reminders.create(CurrentUser.id(), request);
    }

    @GetMapping
    @ApiOperation(entity = "reminder", operation = "list")
    Page<Reminder> list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return this.reminders.list(CurrentUser.id(), page, size);
    }

    @GetMapping("/{id}")
    @ApiOperation(entity = "reminder", operation = "read")
    Reminder get(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id) {
        return this.reminders.get(CurrentUser.id(), id);
    }

    @PutMapping("/{id}")
    @ApiOperation(entity = "reminder", operation = "update")
    Reminder update(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id,
            @Valid @RequestBody ReminderRequest request) {
        return this.reminders.update(CurrentUser.id(), id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiOperation(entity = "reminder", operation = "delete")
    void delete(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id) {
        this.reminders.delete(CurrentUser.id(), id);
    }
}
