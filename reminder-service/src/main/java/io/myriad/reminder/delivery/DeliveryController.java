package io.myriad.reminder.delivery;

import java.util.List;

import io.myriad.observability.web.ApiOperation;
import io.myriad.reminder.reminders.ReminderStore;
import io.myriad.reminder.security.CurrentUser;
import io.myriad.reminder.web.Ids;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What became of the deliveries of one of the signed-in user's reminders. Beside the deliveries rather than in
 * {@code ReminderController}, so that reminders need not import delivery, which imports them to fire them.
 */
@RestController
@RequestMapping("/api/v1/reminders")
class DeliveryController {

    private final ReminderStore reminders;

    private final DeliveryStore deliveries;

    DeliveryController(ReminderStore reminders, DeliveryStore deliveries) {
        this.reminders = reminders;
        this.deliveries = deliveries;
    }

    @GetMapping("/{id}/deliveries")
    @ApiOperation(entity = "reminder", operation = "read")
    List<Delivery> deliveries(@PathVariable @Pattern(regexp = Ids.UUID, message = Ids.NOT_AN_ID) String id) {
        return this.deliveries.of(this.reminders.get(CurrentUser.id(), id).id());
    }
}
