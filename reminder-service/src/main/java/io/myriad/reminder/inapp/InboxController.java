package io.myriad.reminder.inapp;

import java.util.List;

import io.myriad.observability.web.ApiOperation;
import io.myriad.reminder.security.CurrentUser;
import io.myriad.reminder.web.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's in-app reminders that found no open connection. */
@RestController
@RequestMapping("/api/v1/inbox")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @ApiOperation(entity = "inbox", operation = "list")
    List<InAppMessage> read() {
        return this.inbox.read(CurrentUser.id());
    }

    /**
     * Acknowledges what the client has shown: the message with this delivery id and every older one. Unlike clearing,
     * it cannot remove a reminder that arrived after the client's last read.
     */
    @DeleteMapping("/{deliveryId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiOperation(entity = "inbox", operation = "delete")
    void acknowledge(@PathVariable String deliveryId) {
        if (!this.inbox.acknowledge(CurrentUser.id(), deliveryId)) {
            throw new NotFoundException("inbox message", deliveryId);
        }
    }

    /** Empties the inbox, whatever it holds now. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ApiOperation(entity = "inbox", operation = "delete")
    void clear() {
        this.inbox.clear(CurrentUser.id());
    }
}
