"""Cursor pagination everywhere: a stable order on a unique key, opaque cursors."""

from rest_framework.pagination import Cursor, CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class ChangeCursorPagination(IdCursorPagination):
    """The changes feed: even the last page has a `next`, the cursor to come back with."""

    ordering = "position"

    def get_next_link(self):
        if self.has_next or (self.cursor and self.cursor.reverse):
            return super().get_next_link()
        if self.page:
            position = self._get_position_from_instance(self.page[-1], self.ordering)
        else:
            position = self.cursor.position if self.cursor else None
        if position is None:  # nothing at all yet: start from the beginning again
            return self.base_url
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=position))


class ClaimReviewFeedPagination(IdCursorPagination):
    def get_paginated_response(self, data):
        from rest_framework.response import Response

        return Response(
            {
                "@context": "https://schema.org",
                "@graph": data,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
            }
        )

    def get_paginated_response_schema(self, schema):
        return schema
