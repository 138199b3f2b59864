// Lets Program.cs dispatch "coach" with a single line and no using directive of its own.
global using FeedbackBot.Host.Cli;
