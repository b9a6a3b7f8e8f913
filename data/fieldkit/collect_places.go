package fieldkit

import (
	"context"
	"fmt"

	"github.com/toponym/toponym/data"
)

func (c *collector) placeID(ctx context.Context, id string) error {
	if c.has(KindPlace, id) {
		return nil
	}
	p, err := c.s.GetPlace(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: place %s: %w", id, err)
	}
	return c.place(ctx, p)
}

// place adds a place (its names are part of it) and, when the listings
// layer is selected, its protection listings.
func (c *collector) place(ctx context.Context, p *data.NamedPlace) error {
	if !c.first(KindPlace, p.ID) {
		return nil
	}
	c.set.Places = append(c.set.Places, p)
	if c.sel.has(LayerListings) {
		return c.placeListings(ctx, p.ID)
	}
	return nil
}

// placeListings adds the listings of one place; nothing if the store
// cannot read listings.
func (c *collector) placeListings(ctx context.Context, placeID string) error {
	if c.lr == nil {
		return nil
	}
	ls, err := c.lr.PlaceListings(ctx, placeID)
	if err != nil {
		return fmt.Errorf("fieldkit: listings of place %s: %w", placeID, err)
	}
	for _, l := range ls {
		if err := c.listing(ctx, l); err != nil {
			return err
		}
	}
	return nil
}

func (c *collector) listing(ctx context.Context, l *data.ProtectionListing) error {
	if !c.first(KindListing, l.ID) {
		return nil
	}
	c.set.Listings = append(c.set.Listings, l)
	return c.placeID(ctx, l.PlaceID)
}

func (c *collector) listingID(ctx context.Context, id, signID string) error {
	if c.has(KindListing, id) {
		return nil
	}
	if c.lr == nil {
		return &data.Error{Kind: data.KindInvalid, Field: "listing_id", Value: id,
			Message: "sign " + signID + " cites protection listing " + id + ", which this store cannot read back"}
	}
	l, err := c.lr.GetProtectionListing(ctx, id)
	if err != nil {
		return fmt.Errorf("fieldkit: protection listing %s of sign %s: %w", id, signID, err)
	}
	return c.listing(ctx, l)
}

// sign adds a sign, its place and its listing.
func (c *collector) sign(ctx context.Context, sg *data.Sign) error {
	if !c.first(KindSign, sg.ID) {
		return nil
	}
	c.set.Signs = append(c.set.Signs, sg)
	return firstErr(c.placeID(ctx, sg.PlaceID), c.listingID(ctx, sg.ListingID, sg.ID))
}
