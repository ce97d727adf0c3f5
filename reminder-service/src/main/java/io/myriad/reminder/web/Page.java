package io.myriad.reminder.web;

import java.util.List;

/**
 * One page of a user's items, newest first.
 *
 * @param items this page
 * @param page its number, from 0
 * @param size the page size asked for
 * @param total how many items the user has
 */
public record Page<T>(List<T> items, int page, int size, long total) {
}
