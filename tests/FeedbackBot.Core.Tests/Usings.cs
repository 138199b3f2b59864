// The in-memory ports shared with the adapter tests live in FeedbackBot.Testing.
global using FeedbackBot.Testing;
